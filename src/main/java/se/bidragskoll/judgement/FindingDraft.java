package se.bidragskoll.judgement;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.bidragskoll.model.Allocation;
import se.bidragskoll.model.Drawdown;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.model.Measure;
import se.bidragskoll.api.Limits;
import se.bidragskoll.ruleset.SourceRef;

/**
 * A finding as a rule's consequence builds it: the input items behind it, the amount at stake and
 * the values its message needs. Drafts of one rule with the same {@link #group(String) group} become
 * one finding (e.g. all lines dated after the funding period).
 */
public final class FindingDraft {

    final String code;
    final String severity;
    final String messageKey;
    final String rule;
    final List<Fact> facts = new ArrayList<>();
    final Map<String, Object> args = new LinkedHashMap<>();
    BigDecimal amount;
    String group;
    SourceRef source;
    /** Where the judgement counts the items this draft names, against {@link Limits#MAX_REPORT_ITEMS}. */
    private final Verdicts verdicts;

    FindingDraft(String code, String severity, String messageKey, String rule, Verdicts verdicts) {
        this.verdicts = verdicts;
        this.code = code;
        this.severity = severity;
        this.messageKey = messageKey;
        this.rule = rule;
    }

    public FindingDraft line(LedgerLine line) {
        verdicts.count(code, line.row());
        facts.add(Fact.ledger(line));
        return this;
    }

    public FindingDraft lines(Collection<LedgerLine> lines) {
        lines.forEach(this::line);
        return this;
    }

    public FindingDraft measure(Measure measure) {
        return fact("measure", measure.id());
    }

    public FindingDraft allocation(Allocation allocation) {
        return fact("allocation", allocation.unit());
    }

    public FindingDraft allocations(Collection<Allocation> allocations) {
        allocations.forEach(this::allocation);
        return this;
    }

    public FindingDraft drawdown(Drawdown drawdown) {
        return fact("drawdown", drawdown.ref());
    }

    public FindingDraft drawdowns(Collection<Drawdown> drawdowns) {
        drawdowns.forEach(this::drawdown);
        return this;
    }

    public FindingDraft month(YearMonth month) {
        return fact("month", month.toString());
    }

    public FindingDraft months(Collection<YearMonth> months) {
        months.forEach(this::month);
        return this;
    }

    /** A dossier field, as a path such as {@code grant.category}. */
    public FindingDraft field(String path) {
        return fact("field", path);
    }

    public FindingDraft fact(String type, String ref) {
        verdicts.count(code, null);
        facts.add(Fact.of(type, ref));
        return this;
    }

    /** The amount at stake; amounts of grouped drafts add up. */
    public FindingDraft amount(BigDecimal value) {
        if (value != null) {
            amount = amount == null ? value : amount.add(value);
        }
        return this;
    }

    /** A value the message template names as {@code {name}}. */
    public FindingDraft arg(String name, Object value) {
        args.put(name, value);
        return this;
    }

    /** A plan line as the finding's item: {@code line:<n>}, numbered from 1 as the plan's table shows it. */
    public FindingDraft planLine(int line) {
        return fact("line", "line:" + line);
    }

    /** The plan lines behind the finding. */
    public FindingDraft planLines(Collection<PlanLine> lines) {
        lines.forEach(l -> planLine(l.line()));
        return this;
    }

    /** A stored dossier of the year behind the finding: {@code dossier:<id>}. */
    public FindingDraft dossier(YearDossier dossier) {
        return fact("dossier", dossier.ref());
    }

    /**
     * The source the finding's figure comes from, where it is not the condition's own clause (a share
     * the agreement's distribution states); the finding cites it instead.
     */
    public FindingDraft citing(SourceRef source) {
        this.source = source;
        return this;
    }

    /** Drafts of the same rule with the same key merge into one finding. */
    public FindingDraft group(String key) {
        this.group = key;
        return this;
    }
}
