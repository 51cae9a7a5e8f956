package se.bidragskoll.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** One line of a finding's history. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(Instant at, String actor, String action, Integer revision, String rulesetVersion,
                           String previousStatus, String newStatus, String comment, LocalDate until) {

    static HistoryEntry of(AuditEventEntity e) {
        return new HistoryEntry(e.at, e.actor, e.action, e.revision, e.rulesetVersion, e.previousStatus, e.newStatus,
                e.comment, e.until);
    }
}
