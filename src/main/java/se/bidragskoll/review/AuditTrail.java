package se.bidragskoll.review;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;

/** Appends to the audit trail; there is no way to change or remove what it holds. */
@ApplicationScoped
public class AuditTrail {

    public void record(String actor, String action, String region, String agreement, String dossierId,
                       String findingId, Integer revision, String rulesetVersion, String previousStatus,
                       String newStatus, String comment, LocalDate until, Instant at) {
        AuditEventEntity e = new AuditEventEntity();
        e.at = at;
        e.actor = actor;
        e.action = action;
        e.region = region;
        e.agreement = agreement;
        e.dossierId = dossierId;
        e.findingId = findingId;
        e.revision = revision;
        e.rulesetVersion = rulesetVersion;
        e.previousStatus = previousStatus;
        e.newStatus = newStatus;
        e.comment = comment;
        e.until = until;
        e.persist();
    }
}
