package se.bidragskoll.plan;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import se.bidragskoll.judgement.Fact;
import se.bidragskoll.judgement.Messages;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.judgement.Report.ConditionResult;
import se.bidragskoll.judgement.Report.Finding;
import se.bidragskoll.judgement.Report.Outcome;
import se.bidragskoll.judgement.Report.Result;
import se.bidragskoll.ruleset.AgreementDef;
import se.bidragskoll.ruleset.ConditionSpec;
import se.bidragskoll.ruleset.RegionDef;
import se.bidragskoll.ruleset.Regions;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.SourceRef;
import se.bidragskoll.ruleset.Text;

/**
 * Judges a region plan as a whole against its own conditions ({@code rules/plan/conditions.yaml}):
 * stated totals against the sum of lines within rounding, each line's administration budget within
 * its plan amount, each grant against the region's share the agreement file states, permanent lines
 * without an exit plan (the region's own rule), and lines whose agreement the checker does not know.
 * Plain Java: the conditions compare a handful of table rows, with no facts to match across.
 */
public final class PlanJudge {

    public static final String STATED_TOTALS = "PLAN-STATED-TOTALS";
    public static final String BUDGET_WITHIN_PLAN = "PLAN-BUDGET-WITHIN-PLAN";
    public static final String REGION_SHARE = "PLAN-REGION-SHARE";
    public static final String EXIT_PLAN = "PLAN-EXIT-PLAN";
    public static final String KNOWN_AGREEMENT = "PLAN-KNOWN-AGREEMENT";

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final RuleSet rules;
    private final PlanConditions conditions;
    private final RegionPlan plan;
    private final LocalDate asOf;
    private final Locale locale;
    private final List<Draft> drafts = new ArrayList<>();
    private final Map<String, Set<String>> missing = new LinkedHashMap<>();
    private final Map<String, String> details = new LinkedHashMap<>();
    private final Set<String> notApplicable = new LinkedHashSet<>();

    /** A finding before it is numbered: its code, message, severity, clause, the lines behind it. */
    private record Draft(String code, String message, String severity, SourceRef source, List<Fact> facts,
                         BigDecimal amount, String key) {
    }

    private PlanJudge(RuleSet rules, PlanConditions conditions, RegionPlan plan, LocalDate today, Locale locale) {
        this.rules = rules;
        this.conditions = conditions;
        this.plan = plan;
        this.asOf = plan.asOf() != null ? plan.asOf() : today;
        this.locale = locale;
    }

    /** The plan's report in {@code locale}; {@code links} gives the latest stored dossier of an agreement. */
    public static PlanReport judge(RuleSet rules, PlanConditions conditions, RegionPlan plan, LocalDate today,
                                   Locale locale, Function<String, PlanReport.DossierLink> links) {
        PlanJudge judge = new PlanJudge(rules, conditions, plan, today, locale);
        judge.statedTotals();
        judge.budgetWithinPlan();
        judge.regionShare();
        judge.exitPlan();
        judge.knownAgreement();
        return judge.render(links);
    }

    private Optional<AgreementDef> agreement(RegionPlan.Line line) {
        return line.agreement() == null ? Optional.empty() : rules.agreement(line.agreement());
    }

    private static Fact line(int index) {
        return Fact.of("line", "line:" + (index + 1));
    }

    private String text(String code, String key, Map<String, Object> args) {
        PlanConditions.Code c = conditions.byCode().get(code);
        Text template = c.messages() == null ? null : c.messages().get(key);
        return template == null ? c.title().in(locale) : Messages.fill(template.in(locale), args, locale);
    }

    private void draft(String code, String key, String severity, SourceRef source, List<Fact> facts, BigDecimal amount,
                       Map<String, Object> args) {
        if (amount != null) {
            args.putIfAbsent("total", amount);
        }
        drafts.add(new Draft(code, text(code, key, args), severity, source, facts, amount, key));
    }

    private SourceRef source(String code) {
        return conditions.byCode().get(code).source();
    }

    private void missing(String code, String field) {
        missing.computeIfAbsent(code, c -> new LinkedHashSet<>()).add(field);
    }

    private BigDecimal rounding(int lines) {
        return plan.precision() == null ? BigDecimal.ZERO
                : plan.precision().divide(TWO).multiply(BigDecimal.valueOf(lines));
    }

    void statedTotals() {
        if (plan.statedTotals() == null) {
            missing(STATED_TOTALS, "statedTotals");
            return;
        }
        column("planAmount", plan.statedTotals().planAmount(), RegionPlan.Line::planAmount);
        column("administrationBudget", plan.statedTotals().administrationBudget(),
                RegionPlan.Line::administrationBudget);
    }

    private void column(String column, BigDecimal stated, Function<RegionPlan.Line, BigDecimal> value) {
        if (stated == null) {
            missing(STATED_TOTALS, "statedTotals." + column);
            return;
        }
        List<RegionPlan.Line> lines = plan.lineList();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < lines.size(); i++) {
            BigDecimal v = value.apply(lines.get(i));
            if (v == null) {
                missing(STATED_TOTALS, "lines[" + i + "]." + column);
                return;
            }
            sum = sum.add(v);
        }
        BigDecimal diff = stated.subtract(sum).abs();
        if (diff.signum() == 0) {
            return;
        }
        BigDecimal rounding = rounding(lines.size());
        boolean within = diff.compareTo(rounding) <= 0;
        PlanConditions.Code c = conditions.byCode().get(STATED_TOTALS);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("column", c.labels() != null && c.labels().containsKey(column) ? c.labels().get(column) : column);
        args.put("sum", sum);
        args.put("stated", stated);
        args.put("diff", diff);
        args.put("lines", lines.size());
        args.put("rounding", rounding);
        draft(STATED_TOTALS, within ? "within-rounding" : "beyond-rounding", within ? "INFO" : null,
                source(STATED_TOTALS), List.of(Fact.of("total", "statedTotals." + column)), diff, args);
    }

    void budgetWithinPlan() {
        List<RegionPlan.Line> lines = plan.lineList();
        for (int i = 0; i < lines.size(); i++) {
            RegionPlan.Line l = lines.get(i);
            if (l.planAmount() == null || l.administrationBudget() == null) {
                missing(BUDGET_WITHIN_PLAN, "lines[" + i + "]." + (l.planAmount() == null ? "planAmount"
                        : "administrationBudget"));
                continue;
            }
            if (l.administrationBudget().compareTo(l.planAmount()) > 0) {
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("line", i + 1);
                args.put("name", l.name());
                args.put("budget", l.administrationBudget());
                args.put("plan", l.planAmount());
                draft(BUDGET_WITHIN_PLAN, "exceeds", null, source(BUDGET_WITHIN_PLAN), List.of(line(i)),
                        l.administrationBudget().subtract(l.planAmount()), args);
            }
        }
    }

    void regionShare() {
        Map<String, List<Integer>> byAgreement = new LinkedHashMap<>();
        List<RegionPlan.Line> lines = plan.lineList();
        for (int i = 0; i < lines.size(); i++) {
            if (agreement(lines.get(i)).isPresent()) {
                byAgreement.computeIfAbsent(lines.get(i).agreement(), a -> new ArrayList<>()).add(i);
            }
        }
        List<String> notStated = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, List<Integer>> e : byAgreement.entrySet()) {
            AgreementDef a = rules.agreement(e.getKey()).orElseThrow();
            BigDecimal share = a.distribution() == null ? null : a.distribution().statedShare(plan.region());
            if (share == null) {
                notStated.add(e.getKey());
                continue;
            }
            BigDecimal planned = BigDecimal.ZERO;
            List<Fact> facts = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i : e.getValue()) {
                if (lines.get(i).planAmount() == null) {
                    missing(REGION_SHARE, "lines[" + i + "].planAmount");
                    planned = null;
                    break;
                }
                planned = planned.add(lines.get(i).planAmount());
                facts.add(line(i));
                names.add(lines.get(i).name());
            }
            if (planned == null) {
                continue;
            }
            compared++;
            BigDecimal diff = share.subtract(planned);
            BigDecimal rounding = rounding(e.getValue().size());
            if (diff.abs().compareTo(rounding) <= 0) {
                continue;
            }
            SourceRef distributionSource = a.distribution().source() == null ? a.source()
                    : a.distribution().source().within(a.source());
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("name", String.join(", ", names));
            args.put("plan", planned);
            args.put("share", share);
            args.put("agreement", a.title() == null ? a.id() : a.title().in(locale));
            boolean below = diff.signum() > 0;
            draft(REGION_SHARE, below ? "below" : "above", below ? "INFO" : null, distributionSource, facts,
                    diff.abs(), args);
        }
        if (!notStated.isEmpty()) {
            details.put(REGION_SHARE, (Messages.english(locale)
                    ? "The sources state no share for the region under: "
                    : "Källorna anger ingen andel för regionen enligt: ") + String.join(", ", notStated) + ".");
        }
        if (compared == 0 && !missing.containsKey(REGION_SHARE)) {
            missing(REGION_SHARE, "distribution.stated[" + plan.region() + "]");
        }
    }

    /** A region rule binds the plan where its validity meets the plan's year (a plan is often written the year before). */
    private boolean bindsInPlanYear(ConditionSpec c) {
        if (plan.year() == null) {
            return c.bindsOn(asOf);
        }
        LocalDate first = LocalDate.of(plan.year(), 1, 1);
        LocalDate last = LocalDate.of(plan.year(), 12, 31);
        return (c.validFrom() == null || !c.validFrom().isAfter(last)) && (c.validTo() == null || !c.validTo().isBefore(first));
    }

    void exitPlan() {
        Optional<RegionDef> region = rules.region(plan.region());
        List<ConditionSpec> rule = region.map(RegionDef::conditionList).orElse(List.of()).stream()
                .filter(c -> "exit-plan".equals(c.family())).toList();
        if (rule.isEmpty()) {
            notApplicable.add(EXIT_PLAN);
            return;
        }
        List<RegionPlan.Line> lines = plan.lineList();
        for (int i = 0; i < lines.size(); i++) {
            RegionPlan.Line l = lines.get(i);
            String agreementId = l.agreement() == null ? "" : l.agreement();
            ConditionSpec applies = rule.stream().filter(c -> c.names(agreementId) && bindsInPlanYear(c)).findFirst().orElse(null);
            if (applies == null) {
                continue;
            }
            if (l.permanent() == null) {
                missing(EXIT_PLAN, "lines[" + i + "].permanent");
            } else if (l.permanent() && !l.hasExitPlan()) {
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("line", i + 1);
                args.put("name", l.name());
                draft(EXIT_PLAN, "no-exit-plan", null, applies.source(), List.of(line(i)), l.planAmount(), args);
            }
        }
    }

    void knownAgreement() {
        List<RegionPlan.Line> lines = plan.lineList();
        for (int i = 0; i < lines.size(); i++) {
            RegionPlan.Line l = lines.get(i);
            if (agreement(l).isPresent()) {
                continue;
            }
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("line", i + 1);
            args.put("name", l.name());
            args.put("plan", l.planAmount());
            args.put("agreement", l.agreement());
            missing(KNOWN_AGREEMENT, "lines[" + i + "].agreement");
            draft(KNOWN_AGREEMENT, l.agreement() == null || l.agreement().isBlank() ? "none" : "unknown", "WARNING",
                    source(KNOWN_AGREEMENT), List.of(line(i)), null, args);
        }
    }

    private PlanReport render(Function<String, PlanReport.DossierLink> links) {
        List<Finding> findings = new ArrayList<>();
        Map<String, List<String>> byCode = new LinkedHashMap<>();
        Set<String> breached = new LinkedHashSet<>();
        for (PlanConditions.Code c : conditions.codes()) {
            for (Draft d : drafts) {
                if (!d.code().equals(c.code())) {
                    continue;
                }
                String severity = d.severity() != null ? d.severity() : c.severity();
                String id = "f-" + (findings.size() + 1);
                SourceRef s = d.source();
                findings.add(new Finding(id, d.code(), severity, d.message(),
                        Report.Source.of(s), d.facts(), d.amount(), fingerprint(d), d.code() + "/" + d.key()));
                byCode.computeIfAbsent(d.code(), k -> new ArrayList<>()).add(id);
                if (!"INFO".equals(severity) && !KNOWN_AGREEMENT.equals(d.code())) {
                    breached.add(d.code());
                }
            }
        }
        List<ConditionResult> results = new ArrayList<>();
        Map<Result, Integer> counts = new EnumMap<>(Result.class);
        boolean cannotAssess = false;
        for (PlanConditions.Code c : conditions.codes()) {
            Result result;
            List<String> fields = missing.containsKey(c.code()) ? List.copyOf(missing.get(c.code())) : null;
            String detail = details.get(c.code());
            if (notApplicable.contains(c.code())) {
                result = Result.NOT_APPLICABLE;
            } else if (breached.contains(c.code())) {
                result = Result.FAIL;
            } else if (fields != null) {
                result = Result.CANNOT_ASSESS;
                String missingText = Messages.fill(Messages.english(locale) ? "Missing data: {fields}."
                        : "Underlag saknas: {fields}.", Map.of("fields", fields), locale);
                detail = detail == null ? missingText : missingText + " " + detail;
            } else {
                result = Result.PASS;
            }
            cannotAssess |= result == Result.CANNOT_ASSESS;
            counts.merge(result, 1, Integer::sum);
            results.add(new ConditionResult(c.code(), c.title().in(locale), "plan", result, byCode.get(c.code()),
                    detail, result == Result.CANNOT_ASSESS || result == Result.FAIL ? fields : null, null, null));
        }
        Report.Summary summary = Report.Summary.of(counts, findings);
        Outcome outcome = summary.outcome(cannotAssess);
        List<PlanReport.LineView> views = new ArrayList<>();
        List<RegionPlan.Line> lines = plan.lineList();
        for (int i = 0; i < lines.size(); i++) {
            RegionPlan.Line l = lines.get(i);
            Optional<AgreementDef> a = agreement(l);
            views.add(new PlanReport.LineView(i + 1, l.name(), l.agreement(), a.isPresent(),
                    a.map(x -> x.title() == null ? x.id() : x.title().in(locale)).orElse(null),
                    a.map(AgreementDef::basis).orElse(null), l.planAmount(), l.administrationBudget(), l.permanent(),
                    a.map(x -> x.distribution() == null ? null : x.distribution().statedShare(plan.region()))
                            .orElse(null), null));
        }
        PlanReport report = new PlanReport(null, null, plan.region(), Regions.name(plan.region()).orElse(null),
                plan.year(), asOf, plan.administration(), outcome,
                new Report.RulesetRef(rules.version(), rules.loadedAt()), Instant.now(),
                summary, results, findings, views);
        return links == null ? report : report.withLinks(links);
    }

    /** Same region, year, condition, message and lines give the same fingerprint, so decisions carry over. */
    private String fingerprint(Draft d) {
        try {
            StringBuilder key = new StringBuilder().append(plan.region()).append('|').append(plan.year()).append('|')
                    .append(d.code()).append('|').append(d.key());
            d.facts().stream().map(f -> f.type() + ":" + f.ref()).sorted().forEach(r -> key.append('|').append(r));
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
