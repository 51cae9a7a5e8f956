package se.bidragskoll.model;

import java.time.LocalDate;

/**
 * A dated event that an agreement sets a deadline for (API.md, version 2): {@code kind} such as
 * {@code action-plan-submitted}, {@code report-submitted}, {@code financial-report-submitted},
 * {@code payment-requested} (rekvisition) or {@code repayment-made}.
 */
public record Event(String kind, LocalDate date, String recipient, String reference) {
}
