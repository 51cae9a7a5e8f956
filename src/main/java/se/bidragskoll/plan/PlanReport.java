package se.bidragskoll.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.model.RegionPlan;
import se.bidragskoll.judgement.YearEvaluator;

/**
 * The report of a region plan and its year: the one {@link Report} the renderer gives (conditions with
 * results, findings citing their clause and naming plan lines as {@code line:<n>} and dossiers as
 * {@code dossier:<id>}), plus each line with what the checker knows of its agreement and the latest
 * stored dossier of that agreement, and the year's dossiers the judgement saw.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanReport(String plan, Integer revision, String region, String regionName, Integer year,
                         LocalDate asOf, String administration, Report.Outcome outcome, Report.RulesetRef ruleset,
                         Instant judgedAt, Report.Summary summary, List<Report.ConditionResult> conditions,
                         List<Report.Finding> findings, List<LineView> lines, List<YearDossierView> dossiers) {

    /** A stored dossier of the region's year, as the plan's judgement saw it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record YearDossierView(String id, String agreement, Integer revision, BigDecimal grantedAmount,
                                  String outcome, boolean inPlan) {
    }

    /** The plan's report from the judgement's report in one language and the year's facts. */
    public static PlanReport of(Report report, RegionPlan plan, YearEvaluator.YearFacts facts,
                                java.util.function.Function<String, String> agreementTitle,
                                java.util.function.Function<String, String> basis) {
        List<LineView> lines = facts.lines().stream().map(l -> {
            var share = l.agreementKnown() ? facts.shares().get(l.agreement()) : null;
            return new LineView(l.line(), l.name(), l.agreement(), l.agreementKnown(),
                    l.agreementKnown() ? agreementTitle.apply(l.agreement()) : null,
                    l.agreementKnown() ? basis.apply(l.agreement()) : null, l.planAmount(), l.administrationBudget(),
                    l.permanent(), share == null ? null : share.expected(), share == null ? null : share.basis(),
                    l.dossierDue(), null);
        }).toList();
        List<YearDossierView> dossiers = facts.dossiers().stream().map(d -> new YearDossierView(d.id(), d.agreement(),
                d.revision(), d.grantedAmount(), d.outcome(),
                facts.lines().stream().anyMatch(l -> d.agreement().equals(l.agreement())))).toList();
        return new PlanReport(null, null, report.region(), report.regionName(), plan.year(), report.asOf(),
                plan.administration(), report.outcome(), report.ruleset(), report.judgedAt(), report.summary(),
                report.conditions(), report.findings(), lines, dossiers);
    }

    /**
     * One plan line as judged: its agreement (known or not, and what it rests on), the region's share
     * the sources state, and the latest stored dossier of the agreement with its outcome.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineView(int line, String name, String agreement, boolean agreementKnown, String agreementTitle,
                           String basis, BigDecimal planAmount, BigDecimal administrationBudget, Boolean permanent,
                           BigDecimal statedShare, String shareBasis, LocalDate dossierDue, DossierLink dossier) {

        LineView withDossier(DossierLink link) {
            return new LineView(line, name, agreement, agreementKnown, agreementTitle, basis, planAmount,
                    administrationBudget, permanent, statedShare, shareBasis, dossierDue, link);
        }
    }

    /** The latest stored dossier of a line's agreement for the region, and its latest outcome. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DossierLink(String id, String href, Integer revision, String outcome, BigDecimal amountAtStake,
                              LocalDate nextDue, String nextDueCode) {
    }

    public PlanReport stored(String planId, int revisionNumber) {
        return new PlanReport(planId, revisionNumber, region, regionName, year, asOf, administration, outcome,
                ruleset, judgedAt, summary, conditions, findings, lines, dossiers);
    }

    /** The same report with each line's dossier link as {@code links} gives it now. */
    public PlanReport withLinks(java.util.function.Function<String, DossierLink> links) {
        List<LineView> linked = lines == null ? null : lines.stream()
                .map(l -> l.agreementKnown() ? l.withDossier(links.apply(l.agreement())) : l).toList();
        return new PlanReport(plan, revision, region, regionName, year, asOf, administration, outcome, ruleset,
                judgedAt, summary, conditions, findings, linked, dossiers);
    }
}
