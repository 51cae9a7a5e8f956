package se.bidragskoll.judgement;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.judgement.Report.ConditionResult;
import se.bidragskoll.judgement.Report.Finding;
import se.bidragskoll.judgement.Report.Outcome;
import se.bidragskoll.judgement.Report.Result;
import se.bidragskoll.ruleset.ConditionDef;
import se.bidragskoll.ruleset.FamilyDef;
import se.bidragskoll.ruleset.SourceRef;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.Regions;
import se.bidragskoll.text.Text;
import se.bidragskoll.text.Messages;
import se.bidragskoll.text.Sha256;

/**
 * Turns what the rules concluded into a report, in one language: a result per condition of the
 * catalogue (FAIL, NOT_YET_DUE, CANNOT_ASSESS naming the missing fields, PASS, NOT_APPLICABLE), the
 * findings with the family's message, the instance's clause and a fingerprint, and the outcome.
 */
final class ReportRenderer {

    private ReportRenderer() {
    }

    private record Merged(FindingDraft first, List<Fact> facts, BigDecimal amount) {
    }

    static Report render(RuleSet rules, Dossier dossier, LocalDate asOf, Conditions.Applicable conditions,
                         Map<String, List<String>> missingData, Verdicts out, Instant judgedAt, Locale locale) {
        return render(rules, dossier.region(), dossier.agreement(), dossier.region() + "|" + dossier.agreement(),
                c -> c.family() != ConditionDef.Family.PLAN, asOf, conditions, missingData, out, judgedAt, locale);
    }

    /**
     * The report of one judgement: of a dossier ({@code agreement} set) or of a region's plan and its
     * year ({@code listed} the plan conditions). {@code subject} keys the fingerprints.
     */
    static Report render(RuleSet rules, String region, String agreement, String subject,
                         java.util.function.Predicate<ConditionDef> listed, LocalDate asOf,
                         Conditions.Applicable conditions, Map<String, List<String>> missingData, Verdicts out,
                         Instant judgedAt, Locale locale) {
        Set<String> applicable = conditions.codes();
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
            Condition instance = conditions.byCode(d.code).orElseThrow();
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
            message = withReading(message, instance.source(), locale);
            // A rule marks a note with @severity(INFO); a breach takes the condition's severity, which its
            // file may set (a condition sourced from a summary may be a WARNING rather than an ERROR).
            String severity = "INFO".equals(d.severity) ? "INFO" : instance.severity();
            List<Fact> facts = List.copyOf(new LinkedHashSet<>(m.facts()));
            // a rule may cite the source the finding's figure comes from (a plan line's share: the distribution)
            SourceRef src = d.source != null ? d.source.citedFor(region) : instance.source();
            findings.add(new Finding(id, d.code, severity, message,
                    Report.Source.of(src),
                    facts, m.amount(), fingerprint(subject, d, facts), d.rule));
            findingsByCode.computeIfAbsent(d.code, c -> new ArrayList<>()).add(id);
            if (!"INFO".equals(severity)) {
                breached.put(d.code, true);
            }
        }

        List<ConditionResult> results = new ArrayList<>();
        Map<Result, Integer> counts = new EnumMap<>(Result.class);
        boolean cannotAssess = false;
        for (ConditionDef c : rules.conditions().values()) {
            if (!listed.test(c)) {
                continue;
            }
            Result result;
            String detail = null;
            List<String> missing = null;
            LocalDate dueOn = null;
            Long daysRemaining = null;
            if (!applicable.contains(c.code())) {
                result = Result.NOT_APPLICABLE;
                detail = conditions.whyNotApplicable(c.code()).map(t -> t.in(locale)).orElse(null);
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
            Text title = conditions.byCode(c.code()).map(Condition::title).orElse(c.title());
            results.add(new ConditionResult(c.code(), title.in(locale), familyName(c.family()), result,
                    findingsByCode.get(c.code()), detail, missing, dueOn, daysRemaining));
        }

        Report.Summary summary = Report.Summary.of(counts, findings);
        Outcome outcome = summary.outcome(cannotAssess);
        return new Report(null, null, region, Regions.name(region).orElse(null),
                agreement, asOf, outcome, new Report.RulesetRef(rules.version(), rules.loadedAt()), judgedAt,
                summary, results, findings);
    }

    /**
     * A finding on Bidragskoll's own reading or assumption says so in words, with what it rests on:
     * its clause is not a quotation.
     */
    static String withReading(String message, SourceRef source, Locale locale) {
        if (source == null || !source.provenance().ownWords()) {
            return message;
        }
        boolean en = Messages.english(locale);
        boolean assumption = source.provenance() == SourceRef.Provenance.ASSUMPTION;
        String basis = source.document() == null ? "" : (en ? " (basis: " : " (grund: ") + source.document() + ")";
        String lead = assumption ? (en ? "Bidragskoll's assumption, no source states it: " : "Bidragskolls antagande, ingen källa anger det: ")
                : (en ? "Bidragskoll's reading, not the words of a source: " : "Bidragskolls tolkning, inte en källas ordalydelse: ");
        String clause = source.clause() == null ? "" : source.clause().strip();
        return message + " " + lead + clause + (clause.endsWith(".") ? "" : ".") + basis;
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
            case PLAN -> "plan";
        };
    }

    private static int severityRank(String severity) {
        return "ERROR".equals(severity) ? 0 : "WARNING".equals(severity) ? 1 : 2;
    }

    /** Findings in the order of their first item: by type, then ledger row, then reference. */
    private static final Comparator<Fact> FACT_ORDER = Comparator.comparing(Fact::type)
            .thenComparing(Fact::row, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Fact::ref, Comparator.nullsFirst(ReportRenderer::byNumber));

    /** Plan lines in their table's order ({@code line:4} before {@code line:11}); other refs as text. */
    private static int byNumber(String a, String b) {
        if (a.startsWith("line:") && b.startsWith("line:")) {
            try {
                return Integer.compare(Integer.parseInt(a.substring(5)), Integer.parseInt(b.substring(5)));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        }
        return a.compareTo(b);
    }

    /** Same region, agreement, condition, rule part and input items give the same fingerprint. */
    static String fingerprint(Dossier dossier, FindingDraft draft, List<Fact> facts) {
        return fingerprint(dossier.region() + "|" + dossier.agreement(), draft, facts);
    }

    /** Same subject (region and agreement, or region and plan year), condition, part and items: same fingerprint. */
    static String fingerprint(String subject, FindingDraft draft, List<Fact> facts) {
        MessageDigest digest = Sha256.digest();
        StringBuilder key = new StringBuilder()
                .append(subject).append('|')
                .append(draft.code).append('|').append(draft.messageKey).append('|').append(draft.group);
        facts.stream().map(f -> f.type() + ":" + f.ref()).sorted().forEach(r -> key.append('|').append(r));
        byte[] hash = digest.digest(key.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 12);
    }
}
