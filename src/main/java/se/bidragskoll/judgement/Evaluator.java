package se.bidragskoll.judgement;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import se.bidragskoll.dossier.Dossier;
import se.bidragskoll.dossier.LedgerLine;
import se.bidragskoll.judgement.Report.ConditionResult;
import se.bidragskoll.judgement.Report.Finding;
import se.bidragskoll.judgement.Report.Outcome;
import se.bidragskoll.judgement.Report.Result;
import se.bidragskoll.ruleset.ConditionDef;
import se.bidragskoll.ruleset.FamilyDef;
import se.bidragskoll.ruleset.SourceRef;
import se.bidragskoll.ruleset.RegionDef;
import se.bidragskoll.ruleset.RuleEngine;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.Regions;
import se.bidragskoll.ruleset.Text;

/**
 * Judges one dossier with one rule set: maps the dossier to facts, lets the rules fire, and turns
 * what they concluded into a result per condition, findings with fingerprints, and an outcome.
 */
public final class Evaluator {

    private static final Logger LOG = Logger.getLogger(Evaluator.class);

    private Evaluator() {
    }

    public static Evaluation judge(RuleSet rules, Dossier dossier, LocalDate today) {
        Context context = context(rules, dossier, today);
        Ledger ledger = dossier.ledger() == null ? null
                : Ledger.of(LedgerLine.numbered(dossier.ledger()), context.scope(), context.terms());
        return evaluation(rules, dossier, context, ledger != null, fire(rules, dossier, context, ledger));
    }

    /**
     * Judges a dossier whose ledger is too large to hold ({@code dossier.ledger()} is ignored): the
     * ledger is read from {@code source} twice (see {@link StreamedLedgerJudge}), and only the lines
     * that findings name are kept. The report is the one {@link #judge(RuleSet, Dossier, LocalDate)}
     * gives for the same lines.
     */
    public static Evaluation judge(RuleSet rules, Dossier dossier, LedgerSource source, LocalDate today) {
        Context context = context(rules, dossier, today);
        long start = System.nanoTime();
        StreamedLedgerJudge.Result result = StreamedLedgerJudge.judge(source, context.scope(), context.terms(),
                ledger -> fire(rules, dossier, context, ledger));
        LOG.debugf("streamed %s/%s: %s in %d ms", dossier.region(), dossier.agreement(), result.stats(),
                (System.nanoTime() - start) / 1_000_000);
        return evaluation(rules, dossier, context, true, result.verdicts());
    }

    /** What a judgement needs besides the facts: the conditions that apply on {@code asOf} and their terms. */
    private record Context(LocalDate asOf, Conditions.Applicable applicable, AgreementTerms terms,
                           RegionTerms regionTerms, GrantScope scope) {
    }

    private static Context context(RuleSet rules, Dossier dossier, LocalDate today) {
        Optional<RegionDef> region = rules.region(dossier.region());
        LocalDate asOf = dossier.asOf() != null ? dossier.asOf() : today;
        Conditions.Applicable applicable = Conditions.resolve(rules, dossier.region(), dossier.agreement(), asOf);
        RegionTerms regionTerms = regionTerms(dossier.region(), region.orElse(null), dossier.agreement());
        return new Context(asOf, applicable, terms(dossier.agreement(), applicable), regionTerms,
                scope(dossier, regionTerms));
    }

    private static Verdicts fire(RuleSet rules, Dossier dossier, Context context, Ledger ledger) {
        long start = System.nanoTime();
        List<Object> facts = new ArrayList<>(context.applicable().conditions());
        facts.add(new Judgement(dossier.region(), dossier.agreement(), context.asOf()));
        facts.add(context.terms());
        facts.add(context.regionTerms());
        facts.add(context.scope());
        if (dossier.grant() != null) {
            facts.add(dossier.grant());
        }
        if (dossier.actionPlan() != null) {
            facts.add(dossier.actionPlan());
            if (dossier.actionPlan().measures() != null) {
                facts.add(Measures.of(dossier.actionPlan().measures()));
                facts.addAll(dossier.actionPlan().measures());
            }
        }
        facts.addAll(happened(dossier, context.asOf()));
        if (dossier.allocations() != null) {
            facts.add(Allocations.of(dossier.allocations()));
            facts.addAll(dossier.allocations());
        }
        if (ledger != null) {
            facts.add(ledger);
            facts.addAll(ledger.getGroups());
        }
        if (dossier.drawdowns() != null) {
            facts.add(new Drawdowns(List.copyOf(dossier.drawdowns())));
            facts.addAll(dossier.drawdowns());
            facts.addAll(DrawdownPosition.of(dossier.drawdowns(), ledger));
        }
        if (dossier.waitingTimeReports() != null) {
            facts.add(WaitingTimes.of(dossier.waitingTimeReports()));
        }
        if (dossier.steeringGroupAnalysis() != null) {
            facts.add(dossier.steeringGroupAnalysis());
        }
        facts.addAll(se.bidragskoll.dossier.Indicator.facts(dossier.indicators()));
        facts.addAll(se.bidragskoll.share.DistributionKey.facts(rules, dossier));

        Verdicts out = new Verdicts();
        long fire = System.nanoTime();
        RuleEngine.fire(rules.kieBase(), facts, out);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("judged %s/%s: facts %d ms, rules %d ms, %d findings", dossier.region(), dossier.agreement(),
                    (fire - start) / 1_000_000, (System.nanoTime() - fire) / 1_000_000, out.drafts().size());
        }
        return out;
    }

    /**
     * The dossier's events as of {@code asOf}: those dated later have not happened yet. The action
     * plan's {@code submittedOn} is its {@code action-plan-submitted} event; a plan without that date
     * is an undated event, so a deadline on it cannot be judged rather than called missing.
     */
    static List<Happened> happened(Dossier dossier, LocalDate asOf) {
        List<Happened> events = new ArrayList<>();
        if (dossier.actionPlan() != null) {
            events.add(new Happened(ACTION_PLAN_SUBMITTED, dossier.actionPlan().submittedOn(),
                    dossier.actionPlan().recipient(), null, "actionPlan.submittedOn"));
        }
        if (dossier.events() != null) {
            for (int i = 0; i < dossier.events().size(); i++) {
                se.bidragskoll.dossier.Event e = dossier.events().get(i);
                events.add(new Happened(e.kind(), e.date(), e.recipient(), e.reference(), "events[" + i + "].date"));
            }
        }
        events.removeIf(e -> e.date() != null && e.date().isAfter(asOf));
        return events;
    }

    /** The event kind of an action plan reaching its recipient. */
    public static final String ACTION_PLAN_SUBMITTED = "action-plan-submitted";

    private static Evaluation evaluation(RuleSet rules, Dossier dossier, Context context, boolean ledgerGiven,
                                         Verdicts out) {
        Instant judgedAt = Instant.now();
        Map<String, List<String>> missing = new LinkedHashMap<>(context.applicable().unknownTerms());
        for (Condition c : context.applicable().conditions()) {
            List<String> fields = Needs.missing(rules.family(c.family()).orElseThrow(), dossier, ledgerGiven,
                    context.scope(), context.terms(), context.regionTerms());
            if (!fields.isEmpty()) {
                missing.put(c.code(), fields);
            }
        }
        return new Evaluation(locale -> render(rules, dossier, context, missing, out, judgedAt, locale));
    }

    /**
     * What the agreement's conditions say about its funding period and its action plan's deadline, on
     * {@code asOf}: other families (unspent money, category requirements) read them.
     */
    static AgreementTerms terms(String agreement, Conditions.Applicable applicable) {
        Condition period = applicable.firstOf("funding-period").orElse(null);
        LocalDate planDue = applicable.conditions().stream()
                .filter(c -> c.family().equals("event-deadline") && ACTION_PLAN_SUBMITTED.equals(c.text("event")))
                .map(c -> c.date("due")).findFirst().orElse(null);
        return new AgreementTerms(agreement, period == null ? null : period.date("from"),
                period == null ? null : period.date("to"), planDue);
    }

    /** The terms of a dossier's agreement on {@code asOf} (for tests and the bench). */
    public static AgreementTerms terms(RuleSet rules, String region, String agreement, LocalDate asOf) {
        return terms(agreement, Conditions.resolve(rules, region, agreement, asOf));
    }

    static RegionTerms regionTerms(String regionCode, RegionDef region, String agreementId) {
        RegionDef.GrantRules grant = region == null || region.grants() == null ? null : region.grants().get(agreementId);
        if (grant == null) {
            return new RegionTerms(regionCode, null, null, null, Set.of());
        }
        Set<String> requirements = Set.of();
        if (grant.category() != null && region.categories() != null) {
            RegionDef.Category category = region.categories().get(String.valueOf(grant.category()));
            if (category != null && category.requires() != null) {
                requirements = Set.copyOf(category.requires());
            }
        }
        return new RegionTerms(regionCode, grant.category(), grant.costObject(), grant.responsible(), requirements);
    }

    static GrantScope scope(Dossier dossier, RegionTerms region) {
        String costObject = region.costObject();
        if (costObject == null && dossier.grant() != null) {
            costObject = dossier.grant().costObject();
        }
        Set<String> measureIds = new HashSet<>();
        boolean planGiven = dossier.actionPlan() != null && dossier.actionPlan().measures() != null;
        if (planGiven) {
            dossier.actionPlan().measures().forEach(m -> {
                if (m.id() != null) {
                    measureIds.add(m.id());
                }
            });
        }
        return new GrantScope(costObject, Set.copyOf(measureIds), planGiven);
    }

    private record Merged(FindingDraft first, List<Fact> facts, BigDecimal amount) {
    }

    private static Report render(RuleSet rules, Dossier dossier, Context context, Map<String, List<String>> missingData,
                                 Verdicts out, Instant judgedAt, Locale locale) {
        LocalDate asOf = context.asOf();
        Set<String> applicable = context.applicable().codes();
        Map<String, Merged> merged = new LinkedHashMap<>();
        int anonymous = 0;
        for (FindingDraft d : out.drafts()) {
            if (!applicable.contains(d.code)) {
                continue;
            }
            String key = d.group == null ? "#" + (anonymous++) : d.rule + "\u0000" + d.group;
            Merged m = merged.get(key);
            if (m == null) {
                merged.put(key, new Merged(d, new ArrayList<>(d.facts), d.amount));
            } else {
                m.facts().addAll(d.facts);
                merged.put(key, new Merged(m.first(), m.facts(),
                        d.amount == null ? m.amount() : m.amount() == null ? d.amount : m.amount().add(d.amount)));
            }
        }
        Map<String, Integer> order = new HashMap<>();
        for (String code : rules.conditions().keySet()) {
            order.put(code, order.size());
        }
        List<Merged> sorted = new ArrayList<>(merged.values());
        sorted.sort(Comparator.<Merged>comparingInt(m -> order.getOrDefault(m.first().code, Integer.MAX_VALUE))
                .thenComparingInt(m -> severityRank(m.first().severity))
                .thenComparing(m -> m.facts().isEmpty() ? null : m.facts().get(0),
                        Comparator.nullsFirst(FACT_ORDER)));

        List<Finding> findings = new ArrayList<>();
        Map<String, List<String>> findingsByCode = new LinkedHashMap<>();
        Map<String, Boolean> breached = new LinkedHashMap<>();
        for (Merged m : sorted) {
            FindingDraft d = m.first();
            ConditionDef condition = rules.conditions().get(d.code);
            Condition instance = context.applicable().byCode(d.code).orElseThrow();
            FamilyDef family = rules.family(instance.family()).orElseThrow();
            String id = "f-" + (findings.size() + 1);
            Map<String, Object> args = new LinkedHashMap<>();
            d.args.forEach((k, v) -> args.put(k, label(family, v)));
            args.putIfAbsent("count", m.facts().size());
            if (m.amount() != null) {
                args.putIfAbsent("total", m.amount());
            }
            Text template = family.messages() == null || d.messageKey == null ? null
                    : family.messages().get(d.messageKey);
            String message = template == null ? instance.title().in(locale)
                    : Messages.fill(template.in(locale), args, locale);
            // A rule marks a note with @severity(INFO); a breach takes the condition's severity, which its
            // file may set (a condition sourced from a summary may be a WARNING rather than an ERROR).
            String severity = "INFO".equals(d.severity) ? "INFO" : instance.severity();
            List<Fact> facts = List.copyOf(new LinkedHashSet<>(m.facts()));
            SourceRef src = instance.source();
            findings.add(new Finding(id, d.code, severity, message,
                    new Report.Source(src.document(), src.clause(), src.seed(), src.reference(), src.where(),
                            src.kind(), src.url()),
                    facts, m.amount(), fingerprint(dossier, d, facts), d.rule));
            findingsByCode.computeIfAbsent(d.code, c -> new ArrayList<>()).add(id);
            if (!"INFO".equals(severity)) {
                breached.put(d.code, true);
            }
        }

        List<ConditionResult> results = new ArrayList<>();
        Map<Result, Integer> counts = new EnumMap<>(Result.class);
        boolean cannotAssess = false;
        for (ConditionDef c : rules.conditions().values()) {
            Result result;
            String detail = null;
            List<String> missing = null;
            LocalDate dueOn = null;
            Long daysRemaining = null;
            if (!applicable.contains(c.code())) {
                result = Result.NOT_APPLICABLE;
            } else if (breached.containsKey(c.code())) {
                result = Result.FAIL;
            } else if (out.dueOn(c.code()) != null) {
                result = Result.NOT_YET_DUE;
                dueOn = out.dueOn(c.code());
                daysRemaining = ChronoUnit.DAYS.between(asOf, dueOn);
                detail = Messages.fill(Messages.english(locale)
                        ? "Not yet due: due {due}, {days, plural, one {# day} other {# days}} from {asOf}."
                        : "Ännu inte aktuellt: förfaller {due}, om {days, plural, one {# dag} other {# dagar}} räknat från {asOf}.",
                        Map.of("due", dueOn, "days", daysRemaining, "asOf", asOf), locale);
            } else if (missingData.containsKey(c.code()) || out.missing(c.code()) != null) {
                result = Result.CANNOT_ASSESS;
                Set<String> fields = new TreeSet<>(missingData.getOrDefault(c.code(), List.of()));
                if (out.missing(c.code()) != null) {
                    fields.addAll(out.missing(c.code()));
                }
                missing = List.copyOf(fields);
                detail = Messages.fill(Messages.english(locale) ? "Missing data: {fields}." : "Underlag saknas: {fields}.",
                        Map.of("fields", missing), locale);
            } else {
                result = Result.PASS;
            }
            cannotAssess |= result == Result.CANNOT_ASSESS;
            counts.merge(result, 1, Integer::sum);
            Text title = context.applicable().byCode(c.code()).map(Condition::title).orElse(c.title());
            results.add(new ConditionResult(c.code(), title.in(locale), familyName(c.family()), result,
                    findingsByCode.get(c.code()), detail, missing, dueOn, daysRemaining));
        }

        int errors = 0;
        int warnings = 0;
        int infos = 0;
        BigDecimal atStake = BigDecimal.ZERO;
        for (Finding f : findings) {
            switch (f.severity()) {
                case "ERROR" -> {
                    errors++;
                    if (f.amount() != null) {
                        atStake = atStake.add(f.amount());
                    }
                }
                case "WARNING" -> warnings++;
                default -> infos++;
            }
        }
        Outcome outcome = errors > 0 ? Outcome.NON_COMPLIANT : cannotAssess ? Outcome.INCOMPLETE : Outcome.COMPLIANT;
        return new Report(null, null, dossier.region(), Regions.name(dossier.region()).orElse(null),
                dossier.agreement(), asOf, outcome, new Report.RulesetRef(rules.version(), rules.loadedAt()), judgedAt,
                new Report.Summary(counts, errors, warnings, infos, atStake.setScale(2)), results, findings);
    }

    /** A value a family labels (an event kind, a register) in the reader's words; other values as they are. */
    private static Object label(FamilyDef family, Object value) {
        if (family.labels() != null && value instanceof String key && family.labels().containsKey(key)) {
            return family.labels().get(key);
        }
        return value;
    }

    private static String familyName(ConditionDef.Family family) {
        return switch (family) {
            case AGREEMENT -> "agreement";
            case REGIONAL -> "regional";
            case FINANCIAL -> "financial";
            case DATA_QUALITY -> "data-quality";
        };
    }

    private static int severityRank(String severity) {
        return "ERROR".equals(severity) ? 0 : "WARNING".equals(severity) ? 1 : 2;
    }

    /** Findings in the order of their first item: by type, then ledger row, then reference. */
    private static final Comparator<Fact> FACT_ORDER = Comparator.comparing(Fact::type)
            .thenComparing(Fact::row, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Fact::ref, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** Same region, agreement, condition, rule part and input items give the same fingerprint. */
    static String fingerprint(Dossier dossier, FindingDraft draft, List<Fact> facts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            StringBuilder key = new StringBuilder()
                    .append(dossier.region()).append('|').append(dossier.agreement()).append('|')
                    .append(draft.code).append('|').append(draft.messageKey).append('|').append(draft.group);
            facts.stream().map(f -> f.type() + ":" + f.ref()).sorted().forEach(r -> key.append('|').append(r));
            byte[] hash = digest.digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
