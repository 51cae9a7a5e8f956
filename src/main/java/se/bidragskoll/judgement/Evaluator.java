package se.bidragskoll.judgement;

import com.fasterxml.jackson.databind.JsonNode;
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
import se.bidragskoll.ruleset.AgreementDef;
import se.bidragskoll.ruleset.ConditionDef;
import se.bidragskoll.ruleset.DatedValue;
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

    private static final Text NOT_DECIDED = Text.of(
            "Ingen regel kunde bedöma villkoret med detta underlag.",
            "No rule could judge the condition with this data.");

    private static final Logger LOG = Logger.getLogger(Evaluator.class);

    private Evaluator() {
    }

    public static Evaluation judge(RuleSet rules, Dossier dossier, LocalDate today) {
        Context context = context(rules, dossier, today);
        Ledger ledger = dossier.ledger() == null ? null
                : Ledger.of(LedgerLine.numbered(dossier.ledger()), context.scope(), context.terms());
        return evaluation(rules, dossier, context, fire(rules, dossier, context, ledger));
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
        return evaluation(rules, dossier, context, result.verdicts());
    }

    /** What a judgement needs besides the facts: the agreement's terms on {@code asOf} and what applies. */
    private record Context(LocalDate asOf, AgreementTerms terms, RegionTerms regionTerms, GrantScope scope,
                           Set<String> applicable) {
    }

    private static Context context(RuleSet rules, Dossier dossier, LocalDate today) {
        AgreementDef agreement = rules.agreement(dossier.agreement())
                .orElseThrow(() -> new IllegalArgumentException("unknown agreement " + dossier.agreement()));
        Optional<RegionDef> region = rules.region(dossier.region());
        LocalDate asOf = dossier.asOf() != null ? dossier.asOf() : today;
        RegionTerms regionTerms = regionTerms(dossier.region(), region.orElse(null), dossier.agreement());
        return new Context(asOf, terms(rules, agreement, asOf), regionTerms, scope(dossier, regionTerms),
                applicable(rules, agreement, region.orElse(null), dossier.agreement(), asOf));
    }

    private static Verdicts fire(RuleSet rules, Dossier dossier, Context context, Ledger ledger) {
        long start = System.nanoTime();
        List<Object> facts = new ArrayList<>();
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

        Verdicts out = new Verdicts();
        long fire = System.nanoTime();
        RuleEngine.fire(rules.kieBase(), facts, out, context.applicable()::contains);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("judged %s/%s: facts %d ms, rules %d ms, %d findings", dossier.region(), dossier.agreement(),
                    (fire - start) / 1_000_000, (System.nanoTime() - fire) / 1_000_000, out.drafts().size());
        }
        return out;
    }

    private static Evaluation evaluation(RuleSet rules, Dossier dossier, Context context, Verdicts out) {
        Instant judgedAt = Instant.now();
        return new Evaluation(locale -> render(rules, dossier, context.asOf(), context.applicable(), out, judgedAt,
                locale));
    }

    /** Which conditions of the catalogue apply to this region and agreement on {@code asOf}. */
    static Set<String> applicable(RuleSet rules, AgreementDef agreement, RegionDef region, String agreementId,
                                  LocalDate asOf) {
        Set<String> regional = new HashSet<>();
        if (region != null) {
            if (region.conditions() != null) {
                regional.addAll(region.conditions());
            }
            if (region.grants() != null && region.grants().get(agreementId) != null
                    && region.grants().get(agreementId).conditions() != null) {
                regional.addAll(region.grants().get(agreementId).conditions());
            }
        }
        Set<String> applicable = new LinkedHashSet<>();
        for (ConditionDef c : rules.conditions().values()) {
            if (c.retiredOn() != null && !asOf.isBefore(c.retiredOn())) {
                continue;
            }
            boolean applies = switch (c.family()) {
                case AGREEMENT -> agreement.conditions() != null && agreement.conditions().contains(c.code());
                case REGIONAL -> regional.contains(c.code());
                case FINANCIAL, DATA_QUALITY -> true;
            };
            if (applies) {
                applicable.add(c.code());
            }
        }
        return applicable;
    }

    static AgreementTerms terms(RuleSet rules, AgreementDef agreement, LocalDate asOf) {
        return new AgreementTerms(agreement.id(),
                param(rules, agreement, "fundingPeriodStart", asOf).map(v -> LocalDate.parse(v.asText())).orElse(null),
                param(rules, agreement, "fundingPeriodEnd", asOf).map(v -> LocalDate.parse(v.asText())).orElse(null),
                param(rules, agreement, "actionPlanDeadline", asOf).map(v -> LocalDate.parse(v.asText())).orElse(null),
                param(rules, agreement, "waitingTimeFirstMonth", asOf).map(v -> YearMonth.parse(v.asText())).orElse(null),
                param(rules, agreement, "developmentAreas", asOf).map(Evaluator::strings).orElse(null),
                param(rules, agreement, "allowedPurposes", asOf).map(Evaluator::strings).orElse(null));
    }

    private static Optional<JsonNode> param(RuleSet rules, AgreementDef agreement, String name, LocalDate asOf) {
        AgreementDef current = agreement;
        Set<String> seen = new HashSet<>();
        while (current != null && seen.add(current.id())) {
            Optional<DatedValue> value = current.parameter(name, asOf);
            if (value.isPresent()) {
                return Optional.ofNullable(value.get().value());
            }
            current = current.inherits() == null ? null : rules.agreement(current.inherits()).orElse(null);
        }
        return Optional.empty();
    }

    private static Set<String> strings(JsonNode node) {
        Set<String> set = new LinkedHashSet<>();
        node.forEach(n -> set.add(n.isObject() ? n.path("id").asText() : n.asText()));
        return Set.copyOf(set);
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

    private static Report render(RuleSet rules, Dossier dossier, LocalDate asOf, Set<String> applicable, Verdicts out,
                                 Instant judgedAt, Locale locale) {
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
            String id = "f-" + (findings.size() + 1);
            Map<String, Object> args = new LinkedHashMap<>(d.args);
            args.putIfAbsent("count", m.facts().size());
            if (m.amount() != null) {
                args.putIfAbsent("total", m.amount());
            }
            Text template = condition.messages() == null || d.messageKey == null ? null
                    : condition.messages().get(d.messageKey);
            String message = template == null ? condition.title().in(locale)
                    : Messages.fill(template.in(locale), args, locale);
            String severity = d.severity != null ? d.severity : condition.severity().name();
            List<Fact> facts = List.copyOf(new LinkedHashSet<>(m.facts()));
            findings.add(new Finding(id, d.code, severity, message,
                    new Report.Source(condition.source().document(), condition.source().clause(),
                            condition.source().seed(), condition.source().reference()),
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
                        ? "Not yet due: due {due}, {days} days from {asOf}."
                        : "Ännu inte aktuellt: förfaller {due}, om {days} dagar räknat från {asOf}.",
                        Map.of("due", dueOn, "days", daysRemaining, "asOf", asOf), locale);
            } else if (out.missing(c.code()) != null) {
                result = Result.CANNOT_ASSESS;
                missing = List.copyOf(new TreeSet<>(out.missing(c.code())));
                detail = Messages.fill(Messages.english(locale) ? "Missing data: {fields}." : "Underlag saknas: {fields}.",
                        Map.of("fields", missing), locale);
            } else if (out.wasAssessed(c.code())) {
                result = Result.PASS;
            } else {
                result = Result.CANNOT_ASSESS;
                detail = NOT_DECIDED.in(locale);
            }
            cannotAssess |= result == Result.CANNOT_ASSESS;
            counts.merge(result, 1, Integer::sum);
            results.add(new ConditionResult(c.code(), c.title().in(locale), familyName(c.family()), result,
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
