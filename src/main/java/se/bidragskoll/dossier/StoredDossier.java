package se.bidragskoll.dossier;

import se.bidragskoll.model.Dossier;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/** A dossier's latest revision as submitted, with where it is stored. */
public record StoredDossier(String id, int revision, Instant submittedAt, String contentHash,
                            @JsonUnwrapped Dossier dossier) {
}
