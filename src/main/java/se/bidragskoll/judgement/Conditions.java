package se.bidragskoll.judgement;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.bidragskoll.ruleset.AgreementDef;
import se.bidragskoll.ruleset.ConditionDef;
import se.bidragskoll.ruleset.RuleSetLoader;
import se.bidragskoll.text.Text;
import se.bidragskoll.ruleset.ConditionSpec;
import se.bidragskoll.ruleset.FamilyDef;
import se.bidragskoll.ruleset.Parameters;
import se.bidragskoll.ruleset.RegionDef;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.SourceRef;
import se.bidragskoll.ruleset.Regions;

/**
 * Which conditions apply to one region's dossier for one agreement on {@code asOf}, each with its
 * parameters in force that day and the clause that binds it there:
 * <ol>
 * <li>the agreement's conditions, and those of the agreement it inherits that it does not list itself;</li>
 * <li>the region's conditions whose {@code appliesTo} names the agreement (or all) and that are in force;</li>
 * <li>the generic financial and data-quality conditions, citing the agreement's own clause where its
 * file repeats the code, and the region's own clause where its {@code grants.<agreement>.clauses} give one.</li>
 * </ol>
 */
public final class Conditions {

    /**
     * The applicable conditions, and for those whose source names a term without its value, which
     * terms are unknown (they are CANNOT_ASSESS and get no fact).
     */
    public record Applicable(List<Condition> conditions, Map<String, List<String>> unknownTerms,
                             Map<String, Condition> index, Set<String> codes, Map<String, Text> notInForce) {

        static Applicable of(List<Condition> conditions, Map<String, List<String>> unknownTerms,
                             Map<String, Text> notInForce) {
            Map<String, Condition> index = new LinkedHashMap<>();
            conditions.forEach(c -> index.put(c.code(), c));
            Set<String> codes = new java.util.LinkedHashSet<>(index.keySet());
            codes.addAll(unknownTerms.keySet());
            Map<String, Text> why = new LinkedHashMap<>(notInForce);
            why.keySet().removeAll(codes);
            return new Applicable(List.copyOf(conditions), Collections.unmodifiableMap(unknownTerms),
                    Collections.unmodifiableMap(index), Collections.unmodifiableSet(codes),
                    Collections.unmodifiableMap(why));
        }

        /** These conditions without those of {@code family}, which do not apply for the reason {@code why}. */
        Applicable without(String family, Text why) {
            if (conditions.stream().noneMatch(c -> c.family().equals(family))) {
                return this;
            }
            List<Condition> kept = new ArrayList<>();
            Map<String, Text> reasons = new LinkedHashMap<>(notInForce);
            for (Condition c : conditions) {
                if (c.family().equals(family)) {
                    reasons.put(c.code(), why);
                } else {
                    kept.add(c);
                }
            }
            Map<String, List<String>> unknown = new LinkedHashMap<>(unknownTerms);
            unknown.keySet().removeAll(reasons.keySet());
            return of(kept, unknown, reasons);
        }

        /** Why a condition of the catalogue does not bind this dossier, where a date or its scope says so. */
        public Optional<Text> whyNotApplicable(String code) {
            return Optional.ofNullable(notInForce.get(code));
        }

        /** The condition of this code that applies; looked up once per finding when the report is rendered. */
        public Optional<Condition> byCode(String code) {
            return Optional.ofNullable(index.get(code));
        }

        public Optional<Condition> firstOf(String family) {
            return conditions.stream().filter(c -> c.family().equals(family)).findFirst();
        }
    }

    private Conditions() {
    }

    public static Applicable resolve(RuleSet rules, String region, String agreementId, LocalDate asOf) {
        AgreementDef agreement = rules.agreement(agreementId)
                .orElseThrow(() -> new IllegalArgumentException("unknown agreement " + agreementId));
        RegionDef regionDef = rules.region(region).orElse(null);
        AgreementDef.Period period = period(agreement, asOf);
        Map<String, Entry> chosen = new LinkedHashMap<>();
        Map<String, Text> notInForce = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (AgreementDef a = agreement; a != null && seen.add(a.id());
             a = a.inherits() == null ? null : rules.agreement(a.inherits()).orElse(null)) {
            for (ConditionSpec c : a.conditionList()) {
                choose(c, "agreements/" + a.id() + ".yaml", period, chosen, notInForce);
            }
        }
        if (regionDef != null) {
            for (ConditionSpec c : regionDef.conditionList()) {
                if (c.names(agreementId)) {
                    choose(c, "regions/" + region, period, chosen, notInForce);
                } else if (!chosen.containsKey(c.code())) {
                    notInForce.putIfAbsent(c.code(), outOfScope(c, rules));
                }
            }
        }
        for (ConditionSpec c : rules.generic()) {
            choose(c, "generic.yaml", period, chosen, notInForce);
        }
        RegionDef.GrantRules grant = regionDef == null || regionDef.grants() == null ? null
                : regionDef.grants().get(agreementId);

        List<Condition> conditions = new ArrayList<>();
        Map<String, List<String>> unknown = new LinkedHashMap<>();
        for (Entry e : chosen.values()) {
            ConditionSpec c = e.spec();
            if (c.retiredOn() != null && !asOf.isBefore(c.retiredOn())) {
                continue;
            }
            FamilyDef family = rules.family(c.family()).orElseThrow();
            SourceRef source = c.source();
            ConditionDef.Severity declared = c.severity() != null ? c.severity() : family.severity();
            if (grant != null && grant.clauses() != null && grant.clauses().get(c.code()) != null) {
                source = grant.clauses().get(c.code()).within(regionDef.source());
            }
            source = source == null ? null : source.citedFor(region);
            Map<String, Object> values = new LinkedHashMap<>();
            List<String> unknownTerms = new ArrayList<>();
            Map<String, FamilyDef.Param> params = family.params() == null ? Map.of() : family.params();
            for (Map.Entry<String, FamilyDef.Param> p : params.entrySet()) {
                JsonNode raw = c.params() == null ? null : c.params().get(p.getKey());
                Optional<JsonNode> value = Parameters.inForce(raw, asOf);
                if (Boolean.TRUE.equals(c.unknown()) && raw == null && p.getValue().isRequired()
                        || value.isPresent() && Parameters.isUnknown(value.get())) {
                    unknownTerms.add(e.file() + ": " + c.code() + ".params." + p.getKey());
                } else if (value.isPresent() && !value.get().isNull()) {
                    values.put(p.getKey(), Parameters.convert(p.getValue().type(), value.get()));
                } else if (raw != null && p.getValue().isRequired()) {
                    // dated, but no version in force yet on asOf
                    unknownTerms.add(e.file() + ": " + c.code() + ".params." + p.getKey() + " (in force on " + asOf + ")");
                }
            }
            if (!unknownTerms.isEmpty()) {
                unknown.put(c.code(), List.copyOf(unknownTerms));
                continue;
            }
            String severity = RuleSetLoader.weighed(declared, source).name();
            conditions.add(new Condition(c.code(), c.family(), severity,
                    c.title() != null ? c.title() : family.title(), source, Collections.unmodifiableMap(values),
                    e.file()));
        }
        return Applicable.of(conditions, unknown, notInForce);
    }

    /**
     * The conditions of a region's plan for {@code year} (rules/plan/conditions.yaml). A condition whose
     * clause is the region's ({@code clauseFrom: region:<family>}) applies only where the region file has
     * a condition of that family binding in the year, and cites that condition's clause; one that binds
     * outside the year does not apply, with the reason.
     */
    public static Applicable resolvePlan(RuleSet rules, String region, int year, LocalDate asOf) {
        AgreementDef.Period period = new AgreementDef.Period(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        RegionDef regionDef = rules.region(region).orElse(null);
        List<Condition> conditions = new ArrayList<>();
        Map<String, Text> notInForce = new LinkedHashMap<>();
        for (ConditionSpec c : rules.plan().conditions()) {
            Map<String, Entry> chosen = new LinkedHashMap<>();
            choose(c, "plan/conditions.yaml", period, chosen, notInForce);
            if (chosen.isEmpty()) {
                continue;
            }
            SourceRef source = c.source();
            String from = rules.plan().clauseFrom().get(c.code());
            if (from != null && from.startsWith("region:")) {
                String family = from.substring("region:".length());
                ConditionSpec rule = regionDef == null ? null : regionDef.conditionList().stream()
                        .filter(r -> family.equals(r.family()) && (r.validFrom() == null || !r.validFrom().isAfter(period.to()))
                                && (r.validTo() == null || !r.validTo().isBefore(period.from())))
                        .findFirst().orElse(null);
                if (rule == null) {
                    String name = Regions.name(region).orElse(region);
                    notInForce.put(c.code(), Text.of(name + ":s regler har ingen regel av slaget " + family
                                    + " som gäller " + year + ".",
                            name + "'s rules have no rule of the kind " + family + " binding in " + year + "."));
                    continue;
                }
                source = rule.source();
            }
            FamilyDef family = rules.family(c.family()).orElseThrow();
            ConditionDef.Severity declared = c.severity() != null ? c.severity() : family.severity();
            source = source == null ? null : source.citedFor(region);
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, FamilyDef.Param> params = family.params() == null ? Map.of() : family.params();
            for (Map.Entry<String, FamilyDef.Param> p : params.entrySet()) {
                JsonNode raw = c.params() == null ? null : c.params().get(p.getKey());
                Parameters.inForce(raw, asOf).filter(v -> !v.isNull())
                        .ifPresent(v -> values.put(p.getKey(), Parameters.convert(p.getValue().type(), v)));
            }
            conditions.add(new Condition(c.code(), c.family(), RuleSetLoader.weighed(declared, source).name(),
                    c.title() != null ? c.title() : family.title(), source, Collections.unmodifiableMap(values),
                    "plan/conditions.yaml"));
        }
        return Applicable.of(conditions, new LinkedHashMap<>(), notInForce);
    }

    /**
     * The time the dossier's money is for: the agreement's period, else its funding period's terms,
     * else the day it is judged. A condition binds where its validity meets that time.
     */
    public static AgreementDef.Period period(AgreementDef agreement, LocalDate asOf) {
        if (agreement.period() != null && agreement.period().from() != null && agreement.period().to() != null) {
            return agreement.period();
        }
        for (ConditionSpec c : agreement.conditionList()) {
            if ("funding-period".equals(c.family()) && c.params() != null) {
                Optional<JsonNode> from = Parameters.inForce(c.params().get("from"), asOf);
                Optional<JsonNode> to = Parameters.inForce(c.params().get("to"), asOf);
                if (from.isPresent() && to.isPresent() && from.get().isTextual() && to.get().isTextual()) {
                    try {
                        return new AgreementDef.Period(LocalDate.parse(from.get().asText()),
                                LocalDate.parse(to.get().asText()));
                    } catch (java.time.format.DateTimeParseException e) {
                        break;
                    }
                }
            }
        }
        return new AgreementDef.Period(asOf, asOf);
    }

    private static void choose(ConditionSpec c, String file, AgreementDef.Period period, Map<String, Entry> chosen,
                               Map<String, Text> notInForce) {
        if (chosen.containsKey(c.code())) {
            return;
        }
        String document = c.source() == null || c.source().document() == null ? file : c.source().document();
        if (c.validFrom() != null && c.validFrom().isAfter(period.to())) {
            notInForce.putIfAbsent(c.code(), Text.of(
                    "Gäller från " + c.validFrom() + " enligt " + document + "; underlaget avser "
                            + span(period) + ".",
                    "Binds from " + c.validFrom() + " under " + document + "; the dossier's money is for "
                            + span(period) + "."));
        } else if (c.validTo() != null && c.validTo().isBefore(period.from())) {
            notInForce.putIfAbsent(c.code(), Text.of(
                    "Gällde till och med " + c.validTo() + " enligt " + document + "; underlaget avser "
                            + span(period) + ".",
                    "Bound until " + c.validTo() + " under " + document + "; the dossier's money is for "
                            + span(period) + "."));
        } else {
            chosen.put(c.code(), new Entry(c, file));
        }
    }

    private static Text outOfScope(ConditionSpec c, RuleSet rules) {
        String document = c.source() == null || c.source().document() == null ? "regionens regler" : c.source().document();
        List<String> sv = new ArrayList<>();
        List<String> en = new ArrayList<>();
        if (c.appliesTo() != null && c.appliesTo().isArray()) {
            c.appliesTo().forEach(a -> {
                Optional<AgreementDef> def = rules.agreement(a.asText());
                sv.add(def.map(d -> d.title().sv()).orElse(a.asText()));
                en.add(def.map(d -> d.title().in(java.util.Locale.ENGLISH)).orElse(a.asText()));
            });
        } else if (c.appliesTo() != null) {
            sv.add(c.appliesTo().asText());
            en.add(c.appliesTo().asText());
        }
        return Text.of("Gäller enligt " + document + " bara för " + String.join("; ", sv) + ".",
                "Binds under " + document + " only for " + String.join("; ", en) + ".");
    }

    private static String span(AgreementDef.Period p) {
        return p.from().equals(p.to()) ? p.from().toString() : p.from() + "–" + p.to();
    }

    private record Entry(ConditionSpec spec, String file) {
    }
}
