package se.bidragskoll.model;

import java.time.LocalDate;
import java.util.List;

/**
 * One region's handling of one agreement, as a controller submits it (API.md, "The dossier").
 * Every field except {@code region} and {@code agreement} may be missing.
 */
public record Dossier(
        String region,
        String agreement,
        LocalDate asOf,
        Grant grant,
        ActionPlan actionPlan,
        List<Allocation> allocations,
        List<Drawdown> drawdowns,
        List<LedgerLine> ledger,
        List<WaitingTimeReport> waitingTimeReports,
        SteeringGroupAnalysis steeringGroupAnalysis,
        List<Event> events,
        List<Indicator> indicators) {

    /** The same dossier with another ledger (used when a ledger arrives as a file). */
    public Dossier withLedger(List<LedgerLine> newLedger) {
        return new Dossier(region, agreement, asOf, grant, actionPlan, allocations, drawdowns, newLedger,
                waitingTimeReports, steeringGroupAnalysis, events, indicators);
    }
}
