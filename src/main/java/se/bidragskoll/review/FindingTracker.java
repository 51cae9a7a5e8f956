package se.bidragskoll.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.bidragskoll.judgement.Evaluation;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.review.FindingEntity.Status;

/**
 * Carries review state across resubmissions: a finding that recurs (same fingerprint) keeps its
 * state, one that disappeared is RESOLVED, a new one opens, a resolved one that comes back reopens,
 * and a waiver past its date reopens. Every change goes to the audit trail.
 */
@ApplicationScoped
public class FindingTracker {

    @Inject
    ObjectMapper json;

    @Inject
    AuditTrail audit;

    /** Runs inside the submission's transaction. */
    public void track(String dossierId, String region, String agreement, int revision, Evaluation evaluation,
                      String actor, String rulesetVersion, LocalDate today, Instant now) {
        track("SUBMITTED", dossierId, region, agreement, revision, evaluation, actor, rulesetVersion, today, now);
    }

    /** {@link #track} under another audit action ({@code REJUDGED}: judged again when a deadline passed). */
    public void track(String action, String dossierId, String region, String agreement, int revision, Evaluation evaluation,
                      String actor, String rulesetVersion, LocalDate today, Instant now) {
        audit.record(actor, action, region, agreement, dossierId, null, revision, rulesetVersion, null, null,
                null, null, now);
        reconcile(FindingEntity.list("dossierId", dossierId), dossierId, false, region, agreement, revision,
                evaluation.swedish().findings(), evaluation.english().findings(), actor, rulesetVersion, today, now);
    }

    /**
     * The same for a region's plan: its findings are tracked by fingerprint per plan, and every change
     * goes to the audit trail under the plan's id. Runs inside the plan's (or the dossier's) transaction.
     */
    public void trackPlan(String planId, String region, int year, int revision, List<Report.Finding> swedish,
                          List<Report.Finding> englishFindings, String actor, String rulesetVersion, LocalDate today,
                          Instant now) {
        audit.record(actor, "PLAN_JUDGED", region, null, planId, null, revision, rulesetVersion, null, null,
                "plan " + year, null, now);
        reconcile(FindingEntity.list("planId", planId), planId, true, region, null, revision, swedish,
                englishFindings, actor, rulesetVersion, today, now);
    }

    /**
     * One judgement's findings against those stored for its subject (a dossier or a plan), by
     * fingerprint: new ones open, resolved ones that come back recur, expired waivers reopen, vanished
     * ones resolve; every change goes to the audit trail under the subject's id.
     */
    private void reconcile(List<FindingEntity> stored, String subjectId, boolean plan, String region,
                           String agreement, int revision, List<Report.Finding> swedish,
                           List<Report.Finding> englishFindings, String actor, String rulesetVersion, LocalDate today,
                           Instant now) {
        Map<String, FindingEntity> existing = new HashMap<>();
        for (FindingEntity f : stored) {
            existing.put(f.fingerprint, f);
        }
        Map<String, Report.Finding> english = new HashMap<>();
        englishFindings.forEach(f -> english.put(f.fingerprint(), f));
        for (Report.Finding f : swedish) {
            FindingEntity e = existing.remove(f.fingerprint());
            if (e == null) {
                e = new FindingEntity();
                e.id = "fi-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
                if (plan) {
                    e.planId = subjectId;
                } else {
                    e.dossierId = subjectId;
                }
                e.region = region;
                e.agreement = agreement;
                e.fingerprint = f.fingerprint();
                e.status = Status.OPEN;
                e.firstRevision = revision;
                e.openedAt = now;
                fill(e, f, english.get(f.fingerprint()), revision, now);
                e.persist();
                audit.record(actor, "OPENED", region, agreement, subjectId, e.id, revision, rulesetVersion, null,
                        Status.OPEN.name(), null, null, now);
                continue;
            }
            Status before = e.status;
            fill(e, f, english.get(f.fingerprint()), revision, now);
            if (before == Status.RESOLVED) {
                e.status = Status.OPEN;
                audit.record(actor, "RECURRED", region, agreement, subjectId, e.id, revision, rulesetVersion,
                        before.name(), Status.OPEN.name(), null, null, now);
            } else if (before == Status.WAIVED && e.waivedUntil != null && e.waivedUntil.isBefore(today)) {
                e.status = Status.OPEN;
                audit.record(actor, "WAIVER_EXPIRED", region, agreement, subjectId, e.id, revision, rulesetVersion,
                        before.name(), Status.OPEN.name(), null, e.waivedUntil, now);
            }
        }
        for (FindingEntity gone : existing.values()) {
            if (gone.status != Status.RESOLVED) {
                Status before = gone.status;
                gone.status = Status.RESOLVED;
                gone.updatedAt = now;
                audit.record(actor, "RESOLVED", region, agreement, subjectId, gone.id, revision, rulesetVersion,
                        before.name(), Status.RESOLVED.name(), null, null, now);
            }
        }
    }

    private void fill(FindingEntity e, Report.Finding sv, Report.Finding en, int revision, Instant now) {
        e.code = sv.code();
        e.severity = sv.severity();
        e.messageSv = truncate(sv.message());
        e.messageEn = truncate(en == null ? sv.message() : en.message());
        e.amount = sv.amount();
        try {
            e.facts = json.writeValueAsString(sv.facts().size() > 200 ? sv.facts().subList(0, 200) : sv.facts());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        e.sourceDocument = sv.source() == null ? null : sv.source().document();
        e.sourceClause = sv.source() == null ? null : truncate(sv.source().clause());
        e.lastRevision = revision;
        e.updatedAt = now;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 4000 ? text : text.substring(0, 3999) + "…";
    }
}
