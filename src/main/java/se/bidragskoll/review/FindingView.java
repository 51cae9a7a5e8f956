package se.bidragskoll.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A tracked finding as the review queue shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FindingView(String id, String dossier, String plan, String region, String regionName, String agreement, String code,
                          String severity, String status, String message, BigDecimal amount, JsonNode facts,
                          Source source, String fingerprint, int firstRevision, int lastRevision, Instant openedAt,
                          Instant updatedAt, LocalDate waivedUntil, String lastComment, long ageDays, long version) {

    /** The clause behind the finding. */
    public record Source(String document, String clause) {
    }
}
