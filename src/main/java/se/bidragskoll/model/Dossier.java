package se.bidragskoll.model;

import java.time.LocalDate;
import java.util.List;

/**
 * One region's handling of one agreement, as a controller submits it (API.md, "The dossier").
 * Every field except {@code region} and {@code agreement} may be missing. {@code voucherBalance} is
 * what an SIE 4 ledger file said of its vouchers (see {@link VoucherBalance}).
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
        List<Indicator> indicators,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        VoucherBalance voucherBalance) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public Dossier {
    }

    /** A dossier whose ledger (if any) is lines only. */
    public Dossier(String region, String agreement, LocalDate asOf, Grant grant, ActionPlan actionPlan,
                   List<Allocation> allocations, List<Drawdown> drawdowns, List<LedgerLine> ledger,
                   List<WaitingTimeReport> waitingTimeReports, SteeringGroupAnalysis steeringGroupAnalysis,
                   List<Event> events, List<Indicator> indicators) {
        this(region, agreement, asOf, grant, actionPlan, allocations, drawdowns, ledger, waitingTimeReports,
                steeringGroupAnalysis, events, indicators, null);
    }

    /** The same dossier with another ledger (used when a ledger arrives as a file); its voucher balance stays. */
    public Dossier withLedger(List<LedgerLine> newLedger) {
        return new Dossier(region, agreement, asOf, grant, actionPlan, allocations, drawdowns, newLedger,
                waitingTimeReports, steeringGroupAnalysis, events, indicators, voucherBalance);
    }

    /**
     * The same dossier with a ledger file's lines and what the file says of its vouchers' balance
     * ({@code null} for a file of lines only, such as CSV).
     */
    public Dossier withLedger(List<LedgerLine> newLedger, VoucherBalance balance) {
        return new Dossier(region, agreement, asOf, grant, actionPlan, allocations, drawdowns, newLedger,
                waitingTimeReports, steeringGroupAnalysis, events, indicators, balance);
    }
}
