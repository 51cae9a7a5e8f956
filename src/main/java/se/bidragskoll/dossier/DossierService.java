package se.bidragskoll.dossier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.api.SwedishDates;
import se.bidragskoll.judgement.Evaluation;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.metrics.Metrics;
import se.bidragskoll.review.FindingTracker;
import se.bidragskoll.security.Caller;
import io.quarkus.runtime.configuration.MemorySize;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.bidragskoll.ledger.LedgerFiles;
import se.bidragskoll.ledger.LedgerStore;
import se.bidragskoll.ledger.ParsedLedger;
import se.bidragskoll.judgement.Evaluator;
import se.bidragskoll.text.Messages;
import se.bidragskoll.ruleset.Regions;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.rulebase.RuleSetHolder;
import se.bidragskoll.ledger.CsvLedgerPipe;
import se.bidragskoll.ruleset.RegionDef;
import se.bidragskoll.text.Sha256;

/** Judges dossiers, and stores each submission as a revision with its report, all or nothing. */
@ApplicationScoped
public class DossierService {

    /** A stored submission: where it lives and what it got. */
    public record Submitted(String dossierId, int revision, Evaluation evaluation) {
    }

    @Inject
    RuleSetHolder rules;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    LedgerStore ledgers;

    /** Ledger files larger than this are judged as a stream (read twice, never held), smaller ones in memory. */
    @ConfigProperty(name = "bidragskoll.ledger.stream-above", defaultValue = "32M")
    MemorySize streamAbove;

    @Inject
    Caller caller;

    @Inject
    FindingTracker tracker;

    /** Who depends on a dossier's reports (the region's plan) judges again within the same transaction. */
    @Inject
    jakarta.enterprise.event.Event<DossierStored> dossierStored;

    @Inject
    Metrics metrics;

    /** Judges without storing anything; the report in the caller's language. */
    public Report validate(Dossier dossier, Locale locale) {
        RuleSet ruleSet = rules.current();
        DossierValidator.check(dossier, ruleSet);
        caller.mustSee(dossier.region());
        long start = System.nanoTime();
        Report report = Evaluator.judge(ruleSet, dossier, SwedishDates.today(clock)).in(locale);
        metrics.judged(Metrics.Kind.VALIDATE, report, System.nanoTime() - start);
        return report;
    }

    /**
     * Judges without storing anything, with the ledger from a CSV file. A large file is streamed:
     * memory grows with what the findings name, not with the file; the report is the same.
     */
    public Report validate(Dossier dossier, java.nio.file.Path ledgerFile, String sentAs, Locale locale) {
        RuleSet ruleSet = rules.current();
        DossierValidator.check(dossier.withLedger(null, null), ruleSet);
        caller.mustSee(dossier.region());
        RegionDef.LedgerFormat format = ruleSet.ledgerFormat(dossier.region());
        long size;
        try {
            size = java.nio.file.Files.size(ledgerFile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (size > streamAbove.asLongValue()) {
            long start = System.nanoTime();
            Report report = Evaluator.judge(ruleSet, dossier.withLedger(null, null),
                    LedgerFiles.source(ledgerFile, format, sentAs), SwedishDates.today(clock)).in(locale);
            metrics.judged(Metrics.Kind.VALIDATE, report, System.nanoTime() - start);
            return report;
        }
        ParsedLedger parsed = LedgerFiles.read(ledgerFile, format, sentAs);
        return validate(dossier.withLedger(parsed.lines(), parsed.vouchers()), locale);
    }

    /** Stores a new revision of the region's dossier for the agreement, and its report. */
    @Transactional
    public Submitted submit(Dossier submitted) {
        RuleSet ruleSet = rules.current();
        DossierValidator.check(submitted, ruleSet);
        caller.mustSubmitFor(submitted.region());
        Dossier dossier = submitted.ledger() == null ? submitted
                : submitted.withLedger(LedgerLine.numbered(submitted.ledger()));
        long start = System.nanoTime();
        Evaluation evaluation = Evaluator.judge(ruleSet, dossier, SwedishDates.today(clock));
        metrics.judged(Metrics.Kind.SUBMIT, evaluation.swedish(), System.nanoTime() - start);
        Instant now = clock.instant();

        DossierEntity entity = DossierEntity.forRegionAndAgreement(dossier.region(), dossier.agreement())
                .orElseGet(() -> {
                    DossierEntity created = new DossierEntity();
                    created.id = "d-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
                    created.region = dossier.region();
                    created.agreement = dossier.agreement();
                    created.createdAt = now;
                    created.latestRevision = 0;
                    return created;
                });
        entity.latestRevision++;
        entity.updatedAt = now;
        if (!entity.isPersistent()) {
            entity.persist();
        }
        // The ledger is written over JDBC in the same transaction: the dossier row must exist first.
        DossierEntity.flush();

        LedgerStore.StoredLedger ledger = dossier.ledger() == null ? null
                : ledgers.store(entity.id, dossier.ledger(), sha256(write(dossier.ledger())), "json");
        if (ledger != null) {
            metrics.ledgerLinesImported("json", dossier.ledger().size());
        }
        RevisionEntity revision = revision(entity, dossier, ledger, now);
        Evaluation stored = storeReport(revision, ruleSet, evaluation, entity.id);
        tracker.track(entity.id, entity.region, entity.agreement, revision.revision, stored, caller.name(),
                ruleSet.version(), SwedishDates.today(clock), now);
        // the region's stored plan of the agreement's year judges with this dossier from now on
        dossierStored.fire(new DossierStored(entity.region, entity.agreement, null));
        return new Submitted(entity.id, revision.revision, stored);
    }

    /**
     * Replaces the dossier's ledger with a file's lines as a new revision, and judges it again. The
     * same file as the current ledger (same content hash) changes nothing. {@code parseMs}: how long
     * reading the file took, for the answer's timings.
     */
    @Transactional
    public Replaced replaceLedger(String id, ParsedLedger parsed, long parseMs) {
        RuleSet ruleSet = rules.current();
        DossierEntity entity = find(id);
        caller.mustSubmitFor(entity.region);
        RevisionEntity latest = RevisionEntity.of(entity.id, entity.latestRevision).orElseThrow();
        if (latest.ledgerId != null && ledgers.find(latest.ledgerId)
                .map(l -> l.contentHash().equals(parsed.contentHash())).orElse(false)) {
            return new Replaced(false, entity.id, latest.revision, parsed.lines().size(), null, 0, 0, -1, 0);
        }
        // an SIE file's voucher balance goes with its lines; a CSV file's lines have none (null)
        Dossier dossier = read(latest.content).withLedger(parsed.lines(), parsed.vouchers());
        DossierValidator.check(dossier, ruleSet);
        // Judging needs no database and storing needs no judgement: on a large ledger they overlap.
        long start = System.nanoTime();
        LocalDate today = SwedishDates.today(clock);
        java.util.concurrent.CompletableFuture<Evaluation> judging = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> judgeLedger(ruleSet, dossier, today));
        Instant now = clock.instant();
        LedgerStore.StoredLedger ledger = ledgers.store(entity.id, parsed.lines(), parsed.contentHash(), parsed.kind());
        long storedAt = System.nanoTime();
        metrics.ledgerLinesImported(parsed.kind(), parsed.lines().size());
        Evaluation evaluation;
        try {
            evaluation = judging.join();
        } catch (java.util.concurrent.CompletionException e) {
            // a refusal of the judgement (too many findings, rules out of bounds) answers as itself, not as a 500
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        long judged = System.nanoTime();
        return replaced(entity, ruleSet, dossier, ledger, evaluation, now, parseMs, (judged - start) / 1_000_000,
                (storedAt - start) / 1_000_000);
    }

    /** A dossier with a new ledger judged, counted, and its report rendered in both languages (off the caller's thread). */
    private Evaluation judgeLedger(RuleSet ruleSet, Dossier dossier, LocalDate today) {
        long start = System.nanoTime();
        Evaluation e = Evaluator.judge(ruleSet, dossier, today);
        metrics.judged(Metrics.Kind.LEDGER, e.swedish(), System.nanoTime() - start);
        e.english();
        return e;
    }

    /** The new revision with its ledger and report: findings tracked, the region's plan judged again. */
    private Replaced replaced(DossierEntity entity, RuleSet ruleSet, Dossier dossier, LedgerStore.StoredLedger ledger,
                              Evaluation evaluation, Instant now, long parseMs, long judgeMs, long storeMs) {
        long start = System.nanoTime();
        entity.latestRevision++;
        entity.updatedAt = now;
        RevisionEntity revision = revision(entity, dossier, ledger, now);
        Evaluation stored = storeReport(revision, ruleSet, evaluation, entity.id);
        tracker.track(entity.id, entity.region, entity.agreement, revision.revision, stored, caller.name(),
                ruleSet.version(), SwedishDates.today(clock), now);
        dossierStored.fire(new DossierStored(entity.region, entity.agreement, null));
        return new Replaced(true, entity.id, revision.revision, ledger.lineCount(), stored, judgeMs, storeMs, parseMs,
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * {@link #replaceLedger} for a CSV file, with reading and storing overlapped: the lines are stored
     * as they are read, and judged as soon as the file is read, while the store finishes. All or
     * nothing as before: a bad row or a dossier check that fails throws, and the transaction rolls back
     * the lines stored so far.
     */
    @Transactional
    public Replaced replaceLedgerFromCsv(String id, java.nio.file.Path file, String objectColumn) {
        RuleSet ruleSet = rules.current();
        DossierEntity entity = find(id);
        caller.mustSubmitFor(entity.region);
        RevisionEntity latest = RevisionEntity.of(entity.id, entity.latestRevision).orElseThrow();
        long start = System.nanoTime();
        try (CsvLedgerPipe pipe = CsvLedgerPipe.open(file, objectColumn)) {
            java.util.Optional<LedgerStore.StoredLedger> same = latest.ledgerId == null ? java.util.Optional.empty()
                    : ledgers.find(latest.ledgerId).filter(l -> l.contentHash().equals(pipe.contentHash()));
            if (same.isPresent()) {
                return new Replaced(false, entity.id, latest.revision, same.get().lineCount(), null, 0, 0, -1, 0);
            }
            Dossier base = read(latest.content);
            LocalDate today = SwedishDates.today(clock);
            record Judged(Dossier dossier, Evaluation evaluation, long at) {
            }
            java.util.concurrent.CompletableFuture<Judged> judging = pipe.parsed().thenApplyAsync(parsed -> {
                // a CSV file's lines have no voucher balance (null)
                Dossier dossier = base.withLedger(parsed.lines(), null);
                DossierValidator.check(dossier, ruleSet);
                return new Judged(dossier, judgeLedger(ruleSet, dossier, today), System.nanoTime());
            });
            Instant now = clock.instant();
            LedgerStore.StoredLedger ledger = ledgers.store(entity.id, pipe.start(), pipe.contentHash(), ParsedLedger.CSV);
            long storedAt = System.nanoTime();
            metrics.ledgerLinesImported(ParsedLedger.CSV, ledger.lineCount());
            Judged judged;
            try {
                judged = judging.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            return replaced(entity, ruleSet, judged.dossier(), ledger, judged.evaluation(), now, pipe.readMs(),
                    (judged.at() - start) / 1_000_000, (storedAt - start) / 1_000_000);
        }
    }

    /**
     * Judges again, as of {@code today}, every dossier whose latest report has a condition that was not
     * yet due and whose day has now passed: the stored report, the findings and the audit trail then
     * say what the calendar says without anyone resubmitting. Runs for the deadline job, with no
     * caller; each dossier in a transaction of its own. Returns how many were judged again.
     */
    public int rejudgePassedDeadlines(LocalDate today, int atMost) {
        List<Long> due = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                ReportEntity.<ReportEntity>list("nextDue < ?1 order by nextDue", today).stream()
                        .limit(atMost).map(r -> r.id).toList());
        int judged = 0;
        for (Long reportId : due) {
            if (io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> rejudge(reportId, today))) {
                judged++;
            }
        }
        return judged;
    }

    private boolean rejudge(Long reportId, LocalDate today) {
        ReportEntity old = ReportEntity.findById(reportId);
        if (old == null || old.nextDue == null || !old.nextDue.isBefore(today)) {
            return false; // another instance judged it meanwhile
        }
        old.nextDue = null;
        RevisionEntity revision = RevisionEntity.findById(old.revisionId);
        DossierEntity entity = revision == null ? null : DossierEntity.findById(revision.dossierId);
        if (entity == null || entity.latestRevision != revision.revision
                || !ReportEntity.latestFor(revision.id).map(r -> r.id.equals(reportId)).orElse(false)) {
            return false; // a later revision or report stands: it was judged after this one
        }
        RuleSet ruleSet = rules.current();
        Dossier dossier = read(revision.content);
        if (revision.ledgerId != null) {
            dossier = dossier.withLedger(ledgers.lines(revision.ledgerId));
        }
        Evaluation evaluation = Evaluator.judge(ruleSet, dossier, today);
        Instant now = clock.instant();
        Evaluation stored = storeReport(revision, ruleSet, evaluation, entity.id);
        tracker.track("REJUDGED", entity.id, entity.region, entity.agreement, revision.revision, stored, "Bidragskoll",
                ruleSet.version(), today, now);
        dossierStored.fire(new DossierStored(entity.region, entity.agreement, "Bidragskoll"));
        return true;
    }

    /** Reads a ledger file the region's way and replaces the dossier's ledger with it (the pages' upload). */
    public Replaced replaceLedgerFile(String id, String region, java.nio.file.Path file, String sentAs) {
        RegionDef.LedgerFormat format = rules.current().ledgerFormat(region);
        if (!LedgerFiles.isSie(file, sentAs)) {
            return replaceLedgerFromCsv(id, file, format == null ? null : format.objectColumn());
        }
        long start = System.nanoTime();
        ParsedLedger parsed = LedgerFiles.read(file, format, sentAs);
        return replaceLedger(id, parsed, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * What replacing a ledger did; the times in ms, {@code parseMs} -1 where it was not measured;
     * {@code reportMs} what came after the judge: the revision, the report and its findings stored, the
     * region's plan judged again.
     */
    public record Replaced(boolean changed, String dossierId, int revision, int lines, Evaluation evaluation,
                           long judgeMs, long storeMs, long parseMs, long reportMs) {
    }

    /** The dossier's region, for reading its ledger files the region's way; only its controllers may. */
    @Transactional
    public String regionForLedger(String id) {
        DossierEntity d = find(id);
        caller.mustSubmitFor(d.region);
        return d.region;
    }

    private RevisionEntity revision(DossierEntity entity, Dossier dossier, LedgerStore.StoredLedger ledger,
                                    Instant now) {
        RevisionEntity revision = new RevisionEntity();
        revision.dossierId = entity.id;
        revision.revision = entity.latestRevision;
        revision.submittedAt = now;
        revision.submittedBy = caller.name();
        revision.content = write(dossier.withLedger(null));
        revision.ledgerId = ledger == null ? null : ledger.id();
        revision.contentHash = sha256(revision.content + "|" + (ledger == null ? "" : ledger.contentHash()));
        revision.ledgerLines = dossier.ledger() == null ? 0 : dossier.ledger().size();
        revision.persist();
        return revision;
    }

    private Evaluation storeReport(RevisionEntity revision, RuleSet ruleSet, Evaluation evaluation, String dossierId) {
        Evaluation stored = evaluation.stored(dossierId, revision.revision);
        ReportEntity report = new ReportEntity();
        // A dossier that fixes its own asOf is judged on that day whatever the calendar says.
        report.nextDue = read(revision.content).asOf() != null ? null
                : stored.swedish().conditions().stream().map(Report.ConditionResult::dueOn)
                        .filter(java.util.Objects::nonNull).min(LocalDate::compareTo).orElse(null);
        report.revisionId = revision.id;
        report.rulesetVersion = ruleSet.version();
        report.outcome = stored.swedish().outcome().name();
        report.judgedAt = stored.swedish().judgedAt();
        report.reportSv = write(stored.swedish());
        report.reportEn = write(stored.english());
        report.persist();
        return stored;
    }

    @Transactional
    public List<DossierSummary> list(String region, String agreement) {
        StringBuilder query = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (region != null && !region.isBlank()) {
            params.add(region);
            query.append(" and region = ?").append(params.size());
        }
        if (agreement != null && !agreement.isBlank()) {
            params.add(agreement);
            query.append(" and agreement = ?").append(params.size());
        }
        query.append(" order by region, agreement");
        List<DossierSummary> result = new ArrayList<>();
        for (DossierEntity d : DossierEntity.<DossierEntity>list(query.toString(), params.toArray())) {
            if (!caller.sees(d.region)) {
                continue;
            }
            RevisionEntity latest = RevisionEntity.of(d.id, d.latestRevision).orElseThrow();
            ReportEntity report = ReportEntity.latestFor(latest.id).orElse(null);
            result.add(new DossierSummary(d.id, d.region, Regions.name(d.region).orElse(null), d.agreement,
                    d.latestRevision, latest.submittedAt, report == null ? null : report.outcome,
                    report == null ? null : report.rulesetVersion));
        }
        return result;
    }

    @Transactional
    public StoredDossier get(String id) {
        DossierEntity d = find(id);
        RevisionEntity latest = RevisionEntity.of(d.id, d.latestRevision).orElseThrow();
        Dossier dossier = read(latest.content);
        if (latest.ledgerId != null) {
            dossier = dossier.withLedger(ledgers.lines(latest.ledgerId));
        }
        return new StoredDossier(d.id, latest.revision, latest.submittedAt, latest.contentHash, dossier);
    }

    @Transactional
    public List<RevisionSummary> revisions(String id) {
        DossierEntity d = find(id);
        List<RevisionSummary> result = new ArrayList<>();
        for (RevisionEntity r : RevisionEntity.<RevisionEntity>list("dossierId = ?1 order by revision", d.id)) {
            ReportEntity report = ReportEntity.latestFor(r.id).orElse(null);
            result.add(new RevisionSummary(r.revision, r.submittedAt, r.submittedBy, r.contentHash, r.ledgerLines,
                    report == null ? null : report.outcome, report == null ? null : report.rulesetVersion));
        }
        return result;
    }

    /** The latest report of the dossier as stored JSON, in the caller's language. */
    @Transactional
    public String report(String id, Locale locale) {
        DossierEntity d = find(id);
        RevisionEntity latest = RevisionEntity.of(d.id, d.latestRevision).orElseThrow();
        ReportEntity report = ReportEntity.latestFor(latest.id).orElseThrow(NotFoundException::new);
        return Messages.english(locale) ? report.reportEn : report.reportSv;
    }

    private DossierEntity find(String id) {
        DossierEntity d = DossierEntity.findById(id);
        if (d == null || !caller.sees(d.region)) {
            throw new NotFoundException("no dossier " + id);
        }
        return d;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Dossier read(String content) {
        try {
            return json.readValue(content, Dossier.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String content) {
        return "sha256:" + Sha256.hex(content);
    }
}
