package se.bidragskoll.dossier;

import java.time.Instant;

/** One submission of a dossier and the outcome it got. */
public record RevisionSummary(int revision, Instant submittedAt, String submittedBy, String contentHash,
                              int ledgerLines, String outcome, String rulesetVersion) {
}
