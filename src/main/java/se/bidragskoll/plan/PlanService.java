package se.bidragskoll.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import se.bidragskoll.api.SwedishDates;
import se.bidragskoll.judgement.YearDossier;
import se.bidragskoll.judgement.YearEvaluator;
import se.bidragskoll.ruleset.AgreementDef;
import se.bidragskoll.dossier.DossierEntity;
import se.bidragskoll.dossier.ReportEntity;
import se.bidragskoll.dossier.RevisionEntity;
import se.bidragskoll.text.Messages;
import se.bidragskoll.ruleset.Regions;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.rulebase.RuleSetHolder;
import se.bidragskoll.security.Caller;
import se.bidragskoll.model.RegionPlan;
import se.bidragskoll.dossier.DossierStored;
import se.bidragskoll.judgement.Evaluation;
import se.bidragskoll.review.FindingTracker;

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

    @Inject
    FindingTracker tracker;

    /** The plan's judgement with the year's dossiers, and the facts it was judged on. */
    record Judged(Evaluation evaluation, YearEvaluator.YearFacts facts) {

        PlanReport in(RuleSet rules, RegionPlan plan, Locale locale) {
            return PlanReport.of(evaluation.in(locale), plan, facts,
                    a -> rules.agreement(a).map(x -> x.title() == null ? x.id() : x.title().in(locale)).orElse(a),
                    a -> rules.agreement(a).map(AgreementDef::basis).orElse(null));
        }
    }

    Judged judge(RuleSet ruleSet, RegionPlan plan) {
        YearEvaluator.YearFacts facts = YearEvaluator.facts(ruleSet, plan, yearDossiers(ruleSet, plan.region(),
                plan.year()), SwedishDates.today(clock));
        return new Judged(YearEvaluator.judge(ruleSet, plan, facts), facts);
    }

    /**
     * The latest stored dossier of every agreement of the region whose money is for {@code year} (the
     * agreement's period), with its granted amount and its latest report's outcome.
     */
    List<YearDossier> yearDossiers(RuleSet ruleSet, String region, int year) {
        List<YearDossier> out = new ArrayList<>();
        for (DossierEntity d : DossierEntity.<DossierEntity>list("region = ?1 order by agreement", region)) {
            AgreementDef a = ruleSet.agreement(d.agreement).orElse(null);
            if (a == null || !YearEvaluator.covers(a, year).orElse(false)) {
                continue;
            }
            RevisionEntity latest = RevisionEntity.of(d.id, d.latestRevision).orElse(null);
            BigDecimal granted = null;
            if (latest != null && latest.content != null) {
                JsonNode g = read(latest.content, JsonNode.class).path("grant").path("grantedAmount");
                granted = g.isNumber() || g.isTextual() ? new BigDecimal(g.asText()) : null;
            }
            ReportEntity report = latest == null ? null : ReportEntity.latestFor(latest.id).orElse(null);
            out.add(new YearDossier(d.id, d.agreement, a.title() == null ? a.id() : a.title().sv(), d.latestRevision,
                    granted, report == null ? null : report.outcome));
        }
        return out;
    }

    /** Judges without storing anything. */
    @Transactional
    public PlanReport validate(RegionPlan plan, Locale locale) {
        PlanValidator.check(plan);
        caller.mustSee(plan.region());
        RuleSet ruleSet = rules.current();
        return judge(ruleSet, plan).in(ruleSet, plan, locale).withLinks(a -> link(plan.region(), a));
    }

    /** Stores the plan as the region's plan for its year (a new revision if there is one) with its report. */
    @Transactional
    public Submitted submit(RegionPlan plan) {
        PlanValidator.check(plan);
        caller.mustSubmitFor(plan.region());
        RuleSet ruleSet = rules.current();
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
        Submitted stored = store(entity, ruleSet, plan, now);
        if (!entity.isPersistent()) {
            entity.persist();
        }
        return stored;
    }

    /** Judges the plan with the year's dossiers as stored now, stores both reports and tracks the findings. */
    private Submitted store(PlanEntity entity, RuleSet ruleSet, RegionPlan plan, Instant now) {
        return store(entity, ruleSet, plan, now, caller.name());
    }

    private Submitted store(PlanEntity entity, RuleSet ruleSet, RegionPlan plan, Instant now, String actor) {
        Judged judged = judge(ruleSet, plan);
        PlanReport sv = judged.in(ruleSet, plan, Messages.SWEDISH).stored(entity.id, entity.revision);
        PlanReport en = judged.in(ruleSet, plan, Locale.ENGLISH).stored(entity.id, entity.revision);
        entity.rulesetVersion = ruleSet.version();
        entity.outcome = sv.outcome().name();
        entity.reportSv = write(sv);
        entity.reportEn = write(en);
        if (!entity.isPersistent()) {
            entity.persist();
        }
        tracker.trackPlan(entity.id, entity.region, entity.year, entity.revision, sv.findings(), en.findings(),
                actor, ruleSet.version(), SwedishDates.today(clock), now);
        return new Submitted(entity.id, entity.revision, sv.withLinks(a -> link(plan.region(), a)),
                en.withLinks(a -> link(plan.region(), a)));
    }

    /**
     * Judges the stored plans of the region for every year the agreement's money is for again, with the
     * year's dossiers as they are now (a dossier was stored): the plan's report never shows a stale verdict.
     */
    @Transactional
    public void rejudge(String region, String agreement) {
        rejudge(region, agreement, caller.name());
    }

    /** A dossier's report was stored: the region's plan of the agreement's years judges with it from now on. */
    void onDossierStored(@jakarta.enterprise.event.Observes DossierStored event) {
        rejudge(event.region(), event.agreement(), event.actor() == null ? caller.name() : event.actor());
    }

    /** {@link #rejudge(String, String)} on behalf of {@code actor} (the deadline job has no caller). */
    @Transactional
    public void rejudge(String region, String agreement, String actor) {
        RuleSet ruleSet = rules.current();
        AgreementDef a = ruleSet.agreement(agreement).orElse(null);
        AgreementDef.Period period = a == null ? null : YearEvaluator.period(a);
        if (period == null) {
            return;
        }
        for (int year = period.from().getYear(); year <= period.to().getYear(); year++) {
            PlanEntity p = PlanEntity.forRegionAndYear(region, year).orElse(null);
            if (p != null) {
                store(p, ruleSet, read(p.content, RegionPlan.class), clock.instant(), actor);
            }
        }
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
