package se.bidragskoll.review;

import java.time.LocalDate;

/**
 * A review decision on a finding (API.md): ACKNOWLEDGE, WAIVE (needs a comment, may have an
 * expiry date) or REOPEN. {@code version} is the finding's version the reviewer saw; a finding
 * changed since then answers 409.
 */
public record Decision(String action, String comment, LocalDate until, Long version) {
}
