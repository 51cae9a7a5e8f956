package se.bidragskoll.judgement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import se.bidragskoll.model.RegionPlan;
import se.bidragskoll.ruleset.AgreementDef;
import se.bidragskoll.ruleset.ConditionDef;
import se.bidragskoll.ruleset.RuleEngine;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.share.DistributionKey;

/**
 * Judges a region's plan for a year together with the latest stored dossier of every agreement of
 * that region and year, in one session of the one rule base: the plan, its lines (numbered from 1),
 * its stated totals, the lines of each agreement, each agreement's share for the region (from
 * {@link DistributionKey}) and the year's dossiers are facts; the plan families' rules judge across
 * them; {@link ReportRenderer} renders the report in the shape of a dossier's.
 */
public final class YearEvaluator {

    private YearEvaluator() {
    }

    /** The facts of the plan's year, for the report's line view too. */
    public record YearFacts(PlanYear year, List<PlanLine> lines, List<YearDossier> dossiers,
                            Map<String, DistributionKey.RegionShare> shares) {
    }

    /** Judges the plan with the year's dossiers; {@code today} is the date when the plan states no asOf. */
    public static Evaluation judge(RuleSet rules, RegionPlan plan, List<YearDossier> dossiers, LocalDate today) {
        YearFacts facts = facts(rules, plan, dossiers, today);
        return judge(rules, plan, facts);
    }

    public static Evaluation judge(RuleSet rules, RegionPlan plan, YearFacts facts) {
        PlanYear year = facts.year();
        Conditions.Applicable applicable = Conditions.resolvePlan(rules, plan.region(), year.year(), year.asOf());
        List<Object> all = new ArrayList<>(applicable.conditions());
        all.add(year);
        all.addAll(facts.lines());
        all.addAll(columns(plan));
        all.addAll(agreements(facts.lines()));
        all.addAll(facts.shares().values());
        all.addAll(facts.dossiers());
        Verdicts out = new Verdicts();
        try {
            RuleEngine.fire(rules.kieBase(), all, out);
        } catch (RuntimeException e) {
            throw TooManyFindingsException.unwrap(e);
        }
        Instant judgedAt = Instant.now();
        return new Evaluation(locale -> ReportRenderer.render(rules, plan.region(), null,
                plan.region() + "|plan:" + year.year(), c -> c.family() == ConditionDef.Family.PLAN, year.asOf(),
                applicable, Map.of(), out, judgedAt, locale));
    }

    /** The plan's facts: its year, its lines with what the checker knows of their agreements, the shares. */
    public static YearFacts facts(RuleSet rules, RegionPlan plan, List<YearDossier> dossiers, LocalDate today) {
        LocalDate asOf = plan.asOf() != null ? plan.asOf() : today;
        PlanYear year = new PlanYear(plan.region(), plan.year(), asOf, plan.precision());
        List<PlanLine> lines = new ArrayList<>();
        List<RegionPlan.Line> given = plan.lineList();
        for (int i = 0; i < given.size(); i++) {
            RegionPlan.Line l = given.get(i);
            Optional<AgreementDef> a = l.agreement() == null ? Optional.empty() : rules.agreement(l.agreement());
            AgreementDef.Period period = a.map(YearEvaluator::period).orElse(null);
            lines.add(new PlanLine(i + 1, l.name(), l.agreement(), a.isPresent(),
                    a.map(x -> x.title() == null ? x.id() : x.title().sv()).orElse(null), l.planAmount(),
                    l.administrationBudget(), l.permanent(), l.hasExitPlan(),
                    period == null ? null : period.from(), period == null ? null : period.to(),
                    a.map(x -> dossierDue(rules, plan.region(), x, period, asOf)).orElse(null)));
        }
        Map<String, DistributionKey.RegionShare> shares = new LinkedHashMap<>();
        Set<String> agreements = new LinkedHashSet<>();
        lines.stream().filter(PlanLine::agreementKnown).forEach(l -> agreements.add(l.agreement()));
        dossiers.forEach(d -> agreements.add(d.agreement()));
        for (String agreement : agreements) {
            DistributionKey.regionShare(rules, agreement, plan.region()).ifPresent(s -> shares.put(agreement, s));
        }
        return new YearFacts(year, List.copyOf(lines), List.copyOf(dossiers), shares);
    }

    /**
     * The time an agreement's money is for, as {@link Conditions#period} gives it, or {@code null} when
     * its file states neither a period nor a funding period.
     */
    public static AgreementDef.Period period(AgreementDef agreement) {
        LocalDate unknown = LocalDate.of(1, 1, 1);
        AgreementDef.Period p = Conditions.period(agreement, unknown);
        return p.from().equals(unknown) ? null : p;
    }

    /** Whether the agreement's money is for {@code year}; unknown when its period is. */
    public static Optional<Boolean> covers(AgreementDef agreement, int year) {
        AgreementDef.Period p = period(agreement);
        return p == null ? Optional.empty() : Optional.of(p.covers(year));
    }

    /**
     * The first of the agreement's own deadlines for the region (its event-deadline conditions' due
     * dates), else the end of its period: before it, a plan line without a dossier is not yet due.
     */
    static LocalDate dossierDue(RuleSet rules, String region, AgreementDef agreement, AgreementDef.Period period,
                                LocalDate asOf) {
        LocalDate first = null;
        try {
            for (Condition c : Conditions.resolve(rules, region, agreement.id(), asOf).conditions()) {
                if ("event-deadline".equals(c.family()) && c.date("due") != null
                        && (first == null || c.date("due").isBefore(first))) {
                    first = c.date("due");
                }
            }
        } catch (RuntimeException e) {
            // an agreement whose conditions cannot be resolved has no deadline of its own to offer
        }
        return first != null ? first : period == null ? null : period.to();
    }

    private static List<PlanColumn> columns(RegionPlan plan) {
        if (plan.statedTotals() == null) {
            return List.of();
        }
        return List.of(column(plan, "planAmount", plan.statedTotals().planAmount(), RegionPlan.Line::planAmount),
                column(plan, "administrationBudget", plan.statedTotals().administrationBudget(),
                        RegionPlan.Line::administrationBudget));
    }

    private static PlanColumn column(RegionPlan plan, String name, BigDecimal stated,
                                     Function<RegionPlan.Line, BigDecimal> value) {
        BigDecimal sum = BigDecimal.ZERO;
        List<RegionPlan.Line> lines = plan.lineList();
        for (int i = 0; i < lines.size(); i++) {
            BigDecimal v = value.apply(lines.get(i));
            if (v == null) {
                return new PlanColumn(name, stated, null, lines.size(), "lines[" + i + "]." + name);
            }
            sum = sum.add(v);
        }
        return new PlanColumn(name, stated, sum, lines.size(), null);
    }

    private static List<PlanAgreement> agreements(List<PlanLine> lines) {
        Map<String, List<PlanLine>> by = new LinkedHashMap<>();
        lines.stream().filter(PlanLine::agreementKnown)
                .forEach(l -> by.computeIfAbsent(l.agreement(), k -> new ArrayList<>()).add(l));
        List<PlanAgreement> out = new ArrayList<>();
        by.forEach((agreement, ls) -> {
            BigDecimal planned = BigDecimal.ZERO;
            String missing = null;
            for (PlanLine l : ls) {
                if (l.planAmount() == null) {
                    missing = missing == null ? l.field("planAmount") : missing;
                } else {
                    planned = planned.add(l.planAmount());
                }
            }
            out.add(new PlanAgreement(agreement, ls.get(0).agreementTitle(), List.copyOf(ls),
                    missing == null ? planned : null, missing));
        });
        return out;
    }
}
