package se.bidragskoll.judgement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.ruleset.DataNeed;
import se.bidragskoll.ruleset.FamilyDef;

/** Decides once per condition whether the data its family declares it needs is in the dossier. */
final class Needs {

    private Needs() {
    }

    /** The fields a CANNOT_ASSESS names, in the family's order; empty when every need is met. */
    static List<String> missing(FamilyDef family, Dossier d, boolean ledgerGiven, GrantScope scope,
                                AgreementTerms terms, RegionTerms region) {
        if (family.needs() == null || family.needs().isEmpty()) {
            return List.of();
        }
        Set<String> fields = new LinkedHashSet<>();
        for (String name : family.needs()) {
            DataNeed need = DataNeed.of(name).orElseThrow();
            if (!met(need, d, ledgerGiven, scope, terms, region)) {
                fields.addAll(need.fields());
            }
        }
        return new ArrayList<>(fields);
    }

    private static boolean met(DataNeed need, Dossier d, boolean ledgerGiven, GrantScope scope, AgreementTerms terms,
                               RegionTerms region) {
        boolean measures = d.actionPlan() != null && d.actionPlan().measures() != null;
        return switch (need) {
            case LEDGER -> ledgerGiven;
            case GRANTED_AMOUNT -> d.grant() != null && d.grant().grantedAmount() != null;
            case COST_OBJECT -> scope.hasCostObject();
            case GRANT_SCOPE -> scope.known();
            case MEASURES -> measures;
            case MEASURE_AMOUNTS -> !measures || d.actionPlan().measures().stream()
                    .allMatch(m -> m != null && m.amount() != null);
            case ALLOCATIONS -> d.allocations() != null;
            case ALLOCATION_AMOUNTS -> d.allocations() == null || d.allocations().stream()
                    .allMatch(a -> a != null && a.amount() != null);
            case ALLOCATIONS_OR_MEASURES -> d.allocations() != null || measures;
            case DRAWDOWNS -> d.drawdowns() != null;
            case WAITING_TIME_REPORTS -> d.waitingTimeReports() != null;
            case STEERING_ANALYSIS -> d.steeringGroupAnalysis() != null && d.steeringGroupAnalysis().date() != null;
            case FUNDING_PERIOD -> terms.hasFundingPeriod();
            case GRANT -> d.grant() != null;
            case GRANT_CATEGORY -> d.grant() != null && d.grant().category() != null;
            case REGION_CATEGORY -> region.category() != null;
            case INDICATORS -> d.indicators() != null;
        };
    }
}
