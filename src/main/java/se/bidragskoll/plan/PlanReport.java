package se.bidragskoll.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import se.bidragskoll.judgement.Report;

/**
 * The report of a region plan, in the shape of a dossier's report (conditions with results, findings
 * citing their clause and naming plan lines as {@code line:<n>}), plus each line with what the checker
 * knows of its agreement and the latest stored dossier of that agreement.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanReport(String plan, Integer revision, String region, String regionName, Integer year,
                         LocalDate asOf, String administration, Report.Outcome outcome, Report.RulesetRef ruleset,
                         Instant judgedAt, Report.Summary summary, List<Report.ConditionResult> conditions,
                         List<Report.Finding> findings, List<LineView> lines) {

    /**
     * One plan line as judged: its agreement (known or not, and what it rests on), the region's share
     * the sources state, and the latest stored dossier of the agreement with its outcome.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineView(int line, String name, String agreement, boolean agreementKnown, String agreementTitle,
                           String basis, BigDecimal planAmount, BigDecimal administrationBudget, Boolean permanent,
                           BigDecimal statedShare, DossierLink dossier) {

        LineView withDossier(DossierLink link) {
            return new LineView(line, name, agreement, agreementKnown, agreementTitle, basis, planAmount,
                    administrationBudget, permanent, statedShare, link);
        }
    }

    /** The latest stored dossier of a line's agreement for the region, and its latest outcome. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DossierLink(String id, String href, Integer revision, String outcome, BigDecimal amountAtStake,
                              LocalDate nextDue, String nextDueCode) {
    }

    public PlanReport stored(String planId, int revisionNumber) {
        return new PlanReport(planId, revisionNumber, region, regionName, year, asOf, administration, outcome,
                ruleset, judgedAt, summary, conditions, findings, lines);
    }

    /** The same report with each line's dossier link as {@code links} gives it now. */
    public PlanReport withLinks(java.util.function.Function<String, DossierLink> links) {
        List<LineView> linked = lines == null ? null : lines.stream()
                .map(l -> l.agreementKnown() ? l.withDossier(links.apply(l.agreement())) : l).toList();
        return new PlanReport(plan, revision, region, regionName, year, asOf, administration, outcome, ruleset,
                judgedAt, summary, conditions, findings, linked);
    }
}
