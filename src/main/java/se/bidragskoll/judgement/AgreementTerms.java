package se.bidragskoll.judgement;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;

/**
 * The agreement's parameters in force on the dossier's {@code asOf} date, read from
 * {@code rules/agreements/}. A parameter the agreement does not have is {@code null}.
 */
public record AgreementTerms(String agreement, LocalDate fundingPeriodStart, LocalDate fundingPeriodEnd,
                             LocalDate actionPlanDeadline, YearMonth waitingTimeFirstMonth,
                             Set<String> developmentAreas, Set<String> allowedPurposes) {

    public boolean hasFundingPeriod() {
        return fundingPeriodStart != null && fundingPeriodEnd != null;
    }

    public boolean outsideFundingPeriod(LocalDate date) {
        return date != null && hasFundingPeriod() && (date.isBefore(fundingPeriodStart) || date.isAfter(fundingPeriodEnd));
    }

    /** The first month's report can only exist once that month has ended. */
    public LocalDate waitingTimeReportingDue() {
        return waitingTimeFirstMonth == null ? null : waitingTimeFirstMonth.atEndOfMonth();
    }

    public boolean allowsPurpose(String purpose) {
        return purpose != null && allowedPurposes != null && allowedPurposes.contains(purpose);
    }
}
