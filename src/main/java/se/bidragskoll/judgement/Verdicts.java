package se.bidragskoll.judgement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;
import se.bidragskoll.api.Limits;
import se.bidragskoll.ruleset.RuleEngine;

/**
 * The global {@code out} of every rule: what the rules conclude about each condition. A condition a
 * rule neither assessed nor reported on is never a silent PASS (see {@link Evaluator}).
 */
public final class Verdicts {

    private final List<FindingDraft> drafts = new ArrayList<>();
    private final Map<String, Set<String>> missing = new HashMap<>();
    private final Map<String, LocalDate> notYetDue = new HashMap<>();
    /** Findings and the items they name so far, in all and per condition: at most {@link Limits#MAX_REPORT_ITEMS}. */
    private int items;
    private final Map<String, int[]> itemsByCode = new HashMap<>();
    /** The first ledger line named, per condition, for the refusal's message. */
    private final Map<String, Integer> firstRowByCode = new HashMap<>();

    /** A breach (or a note, with {@code @severity(INFO)}) of the condition {@code c}. */
    public FindingDraft finding(RuleContext drools, Condition c) {
        Rule rule = drools.getRule();
        FindingDraft draft = new FindingDraft(c.code(), RuleEngine.metadata(rule, "severity"),
                RuleEngine.metadata(rule, "message"), rule.getName(), this);
        count(c.code(), null);
        drafts.add(draft);
        return draft;
    }

    /** The condition applies, but this part of the dossier lacks the data to judge it. */
    public void cannotAssess(RuleContext drools, Condition c, String... fields) {
        Set<String> set = missing.computeIfAbsent(c.code(), k -> new LinkedHashSet<>());
        Collections.addAll(set, fields);
    }

    /** The condition's deadline lies after the dossier's {@code asOf}. */
    public void notYetDue(RuleContext drools, Condition c, LocalDate due) {
        notYetDue.merge(c.code(), due, (a, b) -> a.isBefore(b) ? a : b);
    }

    /**
     * Counts a finding or an item it names ({@code row}: a ledger line's row, or null); past
     * {@link Limits#MAX_REPORT_ITEMS} the judgement stops with {@link TooManyFindingsException}.
     */
    void count(String code, Integer row) {
        itemsByCode.computeIfAbsent(code, k -> new int[1])[0]++;
        if (row != null) {
            firstRowByCode.putIfAbsent(code, row);
        }
        if (++items > Limits.MAX_REPORT_ITEMS) {
            Map.Entry<String, int[]> most = itemsByCode.entrySet().stream()
                    .max(java.util.Comparator.comparingInt(e -> e.getValue()[0])).orElseThrow();
            throw new TooManyFindingsException(most.getKey(), most.getValue()[0], firstRowByCode.get(most.getKey()));
        }
    }

    List<FindingDraft> drafts() {
        return drafts;
    }

    Set<String> missing(String code) {
        return missing.get(code);
    }

    LocalDate dueOn(String code) {
        return notYetDue.get(code);
    }
}
