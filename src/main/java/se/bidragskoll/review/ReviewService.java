package se.bidragskoll.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.api.ConflictException;
import se.bidragskoll.api.Limits;
import se.bidragskoll.text.Messages;
import se.bidragskoll.review.FindingEntity.Status;
import se.bidragskoll.ruleset.Regions;
import se.bidragskoll.rulebase.RuleSetHolder;
import se.bidragskoll.security.Caller;
import se.bidragskoll.api.FieldError;
import se.bidragskoll.api.JsonLimits;

/** The steering group's review queue: tracked findings, decisions on them, and their history. */
@ApplicationScoped
public class ReviewService {

    /** Filters, sorting and paging of the queue. */
    public record Query(String region, String agreement, String code, String severity, String status, String sort,
                        int page, int size, String subject, String plan, String text) {

        public Query(String region, String agreement, String code, String severity, String status, String sort,
                     int page, int size) {
            this(region, agreement, code, severity, status, sort, page, size, null, null, null);
        }

        public Query(String region, String agreement, String code, String severity, String status, String sort,
                     int page, int size, String subject, String plan) {
            this(region, agreement, code, severity, status, sort, page, size, subject, plan, null);
        }
    }

    /** The longest free-text search of the queue. */
    static final int MAX_SEARCH = 200;

    private static final Set<String> SEVERITIES = Set.of("ERROR", "WARNING", "INFO");

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    RuleSetHolder rules;

    @Transactional
    public FindingPage list(Query q, Locale locale) {
        reopenExpiredWaivers();
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (!caller.isSteering()) {
            if (caller.regions().isEmpty() || !caller.isController()) {
                return new FindingPage(List.of(), q.page(), q.size(), 0);
            }
            params.add(List.copyOf(caller.regions()));
            where.append(" and region in ?").append(params.size());
        }
        add(where, params, "region", q.region());
        add(where, params, "agreement", q.agreement());
        add(where, params, "code", q.code());
        add(where, params, "planId", q.plan());
        if (q.subject() != null && !q.subject().isBlank()) {
            switch (q.subject()) {
                case "plan" -> where.append(" and planId is not null");
                case "dossier" -> where.append(" and dossierId is not null");
                default -> throw BadInputException.of("subject", "Okänt slag: ange plan eller dossier.",
                        "Unknown subject: use plan or dossier.");
            }
        }
        if (q.text() != null && !q.text().isBlank()) {
            String text = q.text().strip();
            if (text.length() > MAX_SEARCH) {
                throw BadInputException.of("q", "Sökningen är " + text.length() + " tecken; högst " + MAX_SEARCH + ".",
                        "The search is " + text.length() + " characters; at most " + MAX_SEARCH + ".");
            }
            // words in the finding's message (either language), its id, code or dossier; % and _ taken as written
            String like = "%" + text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            params.add(like);
            int n = params.size();
            where.append(" and (");
            String[] columns = {"messageSv", "messageEn", "id", "code", "dossierId"};
            for (int c = 0; c < columns.length; c++) {
                where.append(c == 0 ? "" : " or ").append("lower(").append(columns[c]).append(") like ?").append(n)
                        .append(" escape '!'");
            }
            where.append(')');
        }
        if (q.severity() != null && !q.severity().isBlank()) {
            if (!SEVERITIES.contains(q.severity())) {
                throw BadInputException.of("severity", "Okänd allvarlighetsgrad: ange ERROR, WARNING eller INFO.",
                        "Unknown severity: use ERROR, WARNING or INFO.");
            }
            add(where, params, "severity", q.severity());
        }
        if (q.status() != null && !q.status().isBlank()) {
            params.add(status(q.status(), "status"));
            where.append(" and status = ?").append(params.size());
        }
        Sort sort = switch (q.sort() == null ? "" : q.sort()) {
            case "amount", "-amount" -> Sort.by("amount", Sort.Direction.Descending, Sort.NullPrecedence.NULLS_LAST)
                    .and("openedAt").and("id");
            case "age", "-age" -> Sort.by("openedAt").and("id");
            // The id last: findings of one judgement share the rest, and pages must not overlap or skip.
            case "" -> Sort.by("region").and("agreement").and("code").and("openedAt").and("id");
            default -> throw BadInputException.of("sort", "Sortera på amount eller age.", "Sort by amount or age.");
        };
        if (q.size() < 1 || q.size() > 500 || q.page() < 0) {
            throw BadInputException.of("size", "Sidstorlek 1–500 och sida från 0.", "Page size 1–500 and page from 0.");
        }
        if ((long) q.page() * q.size() > Limits.MAX_OFFSET) {
            throw BadInputException.of("page", "Sidan ligger för långt bort: högst " + Limits.MAX_OFFSET
                            + " fynd in i listan (sida × storlek); filtrera i stället.",
                    "The page is too far out: at most " + Limits.MAX_OFFSET
                            + " findings into the list (page × size); filter instead.");
        }
        var query = FindingEntity.<FindingEntity>find(where.toString(), sort, params.toArray());
        long total = query.count();
        List<FindingView> items = query.page(Page.of(q.page(), q.size())).list().stream()
                .map(f -> view(f, locale)).toList();
        return new FindingPage(items, q.page(), q.size(), total);
    }

    @Transactional
    public FindingView get(String id, Locale locale) {
        reopenExpiredWaivers();
        return view(visible(id), locale);
    }

    /** The tracked findings of a dossier the caller may see. */
    @Transactional
    public List<FindingView> forDossier(String dossierId) {
        return FindingEntity.<FindingEntity>list("dossierId = ?1 order by openedAt", dossierId).stream()
                .filter(f -> caller.sees(f.region)).map(f -> view(f, Messages.SWEDISH)).toList();
    }

    /** Every submission and decision on a dossier, oldest first. */
    @Transactional
    public List<HistoryEntry> dossierHistory(String dossierId) {
        List<AuditEventEntity> events = AuditEventEntity.list("dossierId = ?1 order by id", dossierId);
        if (!events.isEmpty() && !caller.sees(events.get(0).region)) {
            throw new NotFoundException();
        }
        return events.stream().map(HistoryEntry::of).toList();
    }

    @Transactional
    public List<HistoryEntry> history(String id) {
        FindingEntity f = visible(id);
        return AuditEventEntity.<AuditEventEntity>list("findingId = ?1 order by id", f.id).stream()
                .map(HistoryEntry::of).toList();
    }

    /** Records a decision; only the steering group decides. */
    @Transactional
    public FindingView decide(String id, Decision decision, Locale locale) {
        reopenExpiredWaivers();
        // Locked for the decision: a second reviewer waits, then sees the first one's version.
        FindingEntity f = FindingEntity.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (f == null || !caller.sees(f.region)) {
            throw new NotFoundException();
        }
        if (!caller.isSteering()) {
            throw new ForbiddenException();
        }
        if (decision == null || decision.action() == null || decision.action().isBlank()) {
            throw BadInputException.of("action", "Ange action: ACKNOWLEDGE, WAIVE eller REOPEN.",
                    "Give an action: ACKNOWLEDGE, WAIVE or REOPEN.");
        }
        if (decision.comment() != null && decision.comment().length() > Limits.MAX_TEXT) {
            throw BadInputException.of("comment", "Motiveringen är " + decision.comment().length()
                            + " tecken; högst " + Limits.MAX_TEXT + " tecken.",
                    "The comment is " + decision.comment().length() + " characters; at most " + Limits.MAX_TEXT + ".");
        }
        if (!Limits.inRange(decision.until())) {
            throw new BadInputException(java.util.List.of(new FieldError("until",
                    JsonLimits.dateOutOfRange(decision.until().toString()))));
        }
        if (decision.version() != null && decision.version() != f.version) {
            throw new ConflictException("Fyndet har ändrats sedan version " + decision.version() + " (nu " + f.version
                    + "); läs det igen och besluta på nytt.", "The finding changed since version " + decision.version()
                    + " (now " + f.version + "); read it again and decide anew.");
        }
        Status before = f.status;
        Status after;
        LocalDate today = LocalDate.now(clock);
        switch (decision.action()) {
            case "ACKNOWLEDGE" -> {
                refuseWhen(before == Status.ACKNOWLEDGED, "Fyndet är redan kvitterat.", "The finding is already acknowledged.");
                refuseWhen(before == Status.RESOLVED, "Fyndet är åtgärdat och kan inte kvitteras.", "The finding is resolved.");
                after = Status.ACKNOWLEDGED;
                f.waivedUntil = null;
            }
            case "WAIVE" -> {
                if (decision.comment() == null || decision.comment().isBlank()) {
                    throw BadInputException.of("comment", "Ett undantag kräver en motivering.",
                            "A waiver needs a comment.");
                }
                if (decision.until() != null && decision.until().isBefore(today)) {
                    throw BadInputException.of("until", "Undantagets slutdatum har redan passerat.",
                            "The waiver's end date has already passed.");
                }
                refuseWhen(before == Status.RESOLVED, "Fyndet är åtgärdat och kan inte undantas.", "The finding is resolved.");
                refuseWhen(before == Status.WAIVED && decision.comment().equals(f.lastComment)
                                && java.util.Objects.equals(decision.until(), f.waivedUntil),
                        "Samma undantag är redan beslutat.", "The same waiver has already been decided.");
                after = Status.WAIVED;
                f.waivedUntil = decision.until();
            }
            case "REOPEN" -> {
                refuseWhen(before == Status.OPEN, "Fyndet är redan öppet.", "The finding is already open.");
                after = Status.OPEN;
                f.waivedUntil = null;
            }
            default -> throw BadInputException.of("action", "Okänd action \"" + decision.action()
                    + "\": ange ACKNOWLEDGE, WAIVE eller REOPEN.", "Unknown action \"" + decision.action()
                    + "\": use ACKNOWLEDGE, WAIVE or REOPEN.");
        }
        Instant now = clock.instant();
        f.status = after;
        f.lastComment = decision.comment();
        f.updatedAt = now;
        FindingEntity.flush();
        audit.record(caller.name(), decision.action(), f.region, f.agreement, f.dossierId != null ? f.dossierId : f.planId, f.id, f.lastRevision,
                rules.current().version(), before.name(), after.name(), decision.comment(), decision.until(), now);
        return view(f, locale);
    }

    /**
     * Reopens every waiver whose end date has passed and audits each once: the finding is reopened by
     * an update conditional on it still being WAIVED, so of two transactions that meet (a scheduled
     * run on one instance, a request on another) only one changes it and writes the audit event.
     */
    @Transactional
    public int expireWaivers() {
        return reopenExpiredWaivers();
    }

    private int reopenExpiredWaivers() {
        LocalDate today = LocalDate.now(clock);
        List<Object[]> expired = FindingEntity.getEntityManager().createQuery("select f.id, f.region, f.agreement, "
                        + "f.dossierId, f.planId, f.lastRevision, f.waivedUntil from FindingEntity f "
                        + "where f.status = ?1 and f.waivedUntil < ?2", Object[].class)
                .setParameter(1, Status.WAIVED).setParameter(2, today).getResultList();
        int reopened = 0;
        for (Object[] f : expired) {
            Instant now = clock.instant();
            int changed = FindingEntity.update("status = ?1, updatedAt = ?2, version = version + 1 "
                    + "where id = ?3 and status = ?4", Status.OPEN, now, f[0], Status.WAIVED);
            if (changed == 1) {
                reopened++;
                audit.record("system", "WAIVER_EXPIRED", (String) f[1], (String) f[2],
                        f[3] != null ? (String) f[3] : (String) f[4], (String) f[0], (Integer) f[5],
                        rules.current().version(), Status.WAIVED.name(), Status.OPEN.name(), null, (LocalDate) f[6], now);
            }
        }
        return reopened;
    }

    private FindingEntity visible(String id) {
        FindingEntity f = FindingEntity.findById(id);
        if (f == null || !caller.sees(f.region)) {
            throw new NotFoundException();
        }
        return f;
    }

    private static void refuseWhen(boolean condition, String sv, String en) {
        if (condition) {
            throw new ConflictException(sv, en);
        }
    }

    private static Status status(String value, String field) {
        try {
            return Status.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw BadInputException.of(field, "Okänd status: ange OPEN, ACKNOWLEDGED, WAIVED eller RESOLVED.",
                    "Unknown status: use OPEN, ACKNOWLEDGED, WAIVED or RESOLVED.");
        }
    }

    private static void add(StringBuilder where, List<Object> params, String field, String value) {
        if (value != null && !value.isBlank()) {
            params.add(value);
            where.append(" and ").append(field).append(" = ?").append(params.size());
        }
    }

    FindingView view(FindingEntity f, Locale locale) {
        try {
            return new FindingView(f.id, f.dossierId, f.planId, f.region, Regions.name(f.region).orElse(null), f.agreement, f.code,
                    f.severity, f.status.name(), Messages.english(locale) ? f.messageEn : f.messageSv, f.amount,
                    json.readTree(f.facts), new FindingView.Source(f.sourceDocument, f.sourceClause), f.fingerprint,
                    f.firstRevision, f.lastRevision, f.openedAt, f.updatedAt, f.waivedUntil, f.lastComment,
                    Duration.between(f.openedAt, clock.instant()).toDays(), f.version);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
