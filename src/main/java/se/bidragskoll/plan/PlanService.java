package se.bidragskoll.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.bidragskoll.dossier.DossierEntity;
import se.bidragskoll.dossier.ReportEntity;
import se.bidragskoll.dossier.RevisionEntity;
import se.bidragskoll.judgement.Messages;
import se.bidragskoll.ruleset.Regions;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetHolder;
import se.bidragskoll.security.Caller;

/** Judges region plans, and stores one plan per region and year (a resubmission is a new revision). */
@ApplicationScoped
public class PlanService {

    /** A stored plan: where it lives and what it got. */
    public record Submitted(String planId, int revision, PlanReport swedish, PlanReport english) {

        public PlanReport in(Locale locale) {
            return Messages.english(locale) ? english : swedish;
        }
    }

    /** A stored plan in a listing. */
    public record PlanSummary(String id, String region, String regionName, int year, int revision,
                              Instant submittedAt, String outcome, String rulesetVersion) {
    }

    /** A stored plan as submitted. */
    public record StoredPlan(String id, int revision, Instant submittedAt, String submittedBy, RegionPlan plan) {
    }

    @Inject
    RuleSetHolder rules;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @ConfigProperty(name = "bidragskoll.rules.dir")
    String rulesDir;

    private final AtomicReference<Object[]> conditions = new AtomicReference<>();

    /** The plan conditions of the folder the current rule set was loaded from, read again after a reload. */
    PlanConditions conditions(RuleSet ruleSet) {
        Object[] cached = conditions.get();
        if (cached != null && cached[0].equals(ruleSet.version())) {
            return (PlanConditions) cached[1];
        }
        PlanConditions read = PlanConditions.read(Path.of(rulesDir));
        conditions.set(new Object[]{ruleSet.version(), read});
        return read;
    }

    /** Judges without storing anything. */
    @Transactional
    public PlanReport validate(RegionPlan plan, Locale locale) {
        PlanValidator.check(plan);
        caller.mustSee(plan.region());
        RuleSet ruleSet = rules.current();
        return PlanJudge.judge(ruleSet, conditions(ruleSet), plan, LocalDate.now(clock), locale,
                a -> link(plan.region(), a));
    }

    /** Stores the plan as the region's plan for its year (a new revision if there is one) with its report. */
    @Transactional
    public Submitted submit(RegionPlan plan) {
        PlanValidator.check(plan);
        caller.mustSubmitFor(plan.region());
        RuleSet ruleSet = rules.current();
        PlanConditions planConditions = conditions(ruleSet);
        LocalDate today = LocalDate.now(clock);
        PlanReport sv = PlanJudge.judge(ruleSet, planConditions, plan, today, Messages.SWEDISH, null);
        PlanReport en = PlanJudge.judge(ruleSet, planConditions, plan, today, Locale.ENGLISH, null);
        Instant now = clock.instant();
        PlanEntity entity = PlanEntity.forRegionAndYear(plan.region(), plan.year()).orElseGet(() -> {
            PlanEntity created = new PlanEntity();
            created.id = "p-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            created.region = plan.region();
            created.year = plan.year();
            return created;
        });
        entity.revision++;
        entity.submittedAt = now;
        entity.submittedBy = caller.name();
        entity.content = write(plan);
        entity.rulesetVersion = ruleSet.version();
        sv = sv.stored(entity.id, entity.revision);
        en = en.stored(entity.id, entity.revision);
        entity.outcome = sv.outcome().name();
        entity.reportSv = write(sv);
        entity.reportEn = write(en);
        if (!entity.isPersistent()) {
            entity.persist();
        }
        return new Submitted(entity.id, entity.revision, sv.withLinks(a -> link(plan.region(), a)),
                en.withLinks(a -> link(plan.region(), a)));
    }

    @Transactional
    public List<PlanSummary> list(String region, Integer year) {
        StringBuilder query = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (region != null && !region.isBlank()) {
            params.add(region);
            query.append(" and region = ?").append(params.size());
        }
        if (year != null) {
            params.add(year);
            query.append(" and year = ?").append(params.size());
        }
        query.append(" order by region, year");
        List<PlanSummary> result = new ArrayList<>();
        for (PlanEntity p : PlanEntity.<PlanEntity>list(query.toString(), params.toArray())) {
            if (caller.sees(p.region)) {
                result.add(new PlanSummary(p.id, p.region, Regions.name(p.region).orElse(null), p.year, p.revision,
                        p.submittedAt, p.outcome, p.rulesetVersion));
            }
        }
        return result;
    }

    @Transactional
    public StoredPlan get(String id) {
        PlanEntity p = find(id);
        return new StoredPlan(p.id, p.revision, p.submittedAt, p.submittedBy, read(p.content, RegionPlan.class));
    }

    /** The stored report, each line linked to the latest stored dossier of its agreement as it is now. */
    @Transactional
    public PlanReport report(String id, Locale locale) {
        PlanEntity p = find(id);
        PlanReport stored = read(Messages.english(locale) ? p.reportEn : p.reportSv, PlanReport.class);
        return stored.withLinks(a -> link(p.region, a));
    }

    /** The plan of a region and year, if the caller may see it. */
    @Transactional
    public java.util.Optional<PlanEntity> forRegionAndYear(String region, int year) {
        return PlanEntity.forRegionAndYear(region, year).filter(p -> caller.sees(p.region));
    }

    /** The latest stored dossier of the region for the agreement, with its outcome, money at stake and next deadline. */
    PlanReport.DossierLink link(String region, String agreement) {
        DossierEntity d = DossierEntity.forRegionAndAgreement(region, agreement).orElse(null);
        if (d == null) {
            return null;
        }
        RevisionEntity latest = RevisionEntity.of(d.id, d.latestRevision).orElse(null);
        ReportEntity report = latest == null ? null : ReportEntity.latestFor(latest.id).orElse(null);
        BigDecimal atStake = null;
        LocalDate nextDue = null;
        String nextDueCode = null;
        if (report != null) {
            JsonNode tree = read(report.reportSv, JsonNode.class);
            JsonNode stake = tree.path("summary").path("amountAtStake");
            atStake = stake.isMissingNode() || stake.isNull() ? null : stake.decimalValue();
            for (JsonNode c : tree.path("conditions")) {
                if (c.hasNonNull("dueOn")) {
                    LocalDate due = LocalDate.parse(c.get("dueOn").asText());
                    if (nextDue == null || due.isBefore(nextDue)) {
                        nextDue = due;
                        nextDueCode = c.path("code").asText();
                    }
                }
            }
        }
        return new PlanReport.DossierLink(d.id, "/api/v1/dossiers/" + d.id, d.latestRevision,
                report == null ? null : report.outcome, atStake, nextDue, nextDueCode);
    }

    private PlanEntity find(String id) {
        PlanEntity p = PlanEntity.findById(id);
        if (p == null || !caller.sees(p.region)) {
            throw new NotFoundException("no plan " + id);
        }
        return p;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String content, Class<T> type) {
        try {
            return json.readValue(content, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
