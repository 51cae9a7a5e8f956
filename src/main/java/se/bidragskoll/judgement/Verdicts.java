package se.bidragskoll.judgement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;
import se.bidragskoll.ruleset.RuleEngine;

/**
 * The global {@code out} of every rule: what the rules conclude about each condition. A condition a
 * rule neither assessed nor reported on is never a silent PASS (see {@link Evaluator}).
 */
public final class Verdicts {

    private final List<FindingDraft> drafts = new ArrayList<>();
    private final Set<String> assessed = new HashSet<>();
    private final Map<String, Set<String>> missing = new HashMap<>();
    private final Map<String, LocalDate> notYetDue = new HashMap<>();

    /** A breach (or a note, with {@code @severity(INFO)}) of the rule's condition. */
    public FindingDraft finding(RuleContext drools) {
        Rule rule = drools.getRule();
        String code = RuleEngine.metadata(rule, "code");
        FindingDraft draft = new FindingDraft(code, RuleEngine.metadata(rule, "severity"),
                RuleEngine.metadata(rule, "message"), rule.getName());
        drafts.add(draft);
        assessed.add(code);
        return draft;
    }

    /** The condition applies and its data is present. */
    public void assessed(RuleContext drools) {
        assessed.add(code(drools));
    }

    /** The condition applies but the dossier lacks these fields. */
    public void cannotAssess(RuleContext drools, String... fields) {
        Set<String> set = missing.computeIfAbsent(code(drools), c -> new LinkedHashSet<>());
        Collections.addAll(set, fields);
    }

    /** The condition's deadline lies after the dossier's {@code asOf}. */
    public void notYetDue(RuleContext drools, LocalDate due) {
        notYetDue.merge(code(drools), due, (a, b) -> a.isBefore(b) ? a : b);
    }

    private static String code(RuleContext drools) {
        return RuleEngine.metadata(drools.getRule(), "code");
    }

    List<FindingDraft> drafts() {
        return drafts;
    }

    boolean wasAssessed(String code) {
        return assessed.contains(code);
    }

    Set<String> missing(String code) {
        return missing.get(code);
    }

    LocalDate dueOn(String code) {
        return notYetDue.get(code);
    }
}
