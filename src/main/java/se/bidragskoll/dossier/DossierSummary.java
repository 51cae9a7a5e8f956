package se.bidragskoll.dossier;

import java.time.Instant;

/** A stored dossier as the list shows it: who, what, the latest revision and how it fared. */
public record DossierSummary(String id, String region, String regionName, String agreement, int revision,
                             Instant submittedAt, String outcome, String rulesetVersion) {
}
