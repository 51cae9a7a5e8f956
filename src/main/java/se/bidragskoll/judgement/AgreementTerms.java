package se.bidragskoll.judgement;

import java.time.LocalDate;

/**
 * What the agreement's conditions in force on {@code asOf} say about its funding period (its
 * {@code funding-period} condition) and the deadline of its action plan (its {@code event-deadline}
 * condition on {@code action-plan-submitted}). A term the agreement does not have is {@code null}.
 */
public record AgreementTerms(String agreement, LocalDate fundingPeriodStart, LocalDate fundingPeriodEnd,
                             LocalDate actionPlanDeadline) {

    public boolean hasFundingPeriod() {
        return fundingPeriodStart != null && fundingPeriodEnd != null;
    }

    public boolean outsideFundingPeriod(LocalDate date) {
        return date != null && hasFundingPeriod() && (date.isBefore(fundingPeriodStart) || date.isAfter(fundingPeriodEnd));
    }
}
