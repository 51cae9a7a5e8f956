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
import se.bidragskoll.ruleset.ConditionSpec;
import se.bidragskoll.ruleset.FamilyDef;
import se.bidragskoll.ruleset.Parameters;
import se.bidragskoll.ruleset.RegionDef;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.SourceRef;

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
                             Map<String, Condition> index, Set<String> codes) {

        static Applicable of(List<Condition> conditions, Map<String, List<String>> unknownTerms) {
            Map<String, Condition> index = new LinkedHashMap<>();
            conditions.forEach(c -> index.put(c.code(), c));
            Set<String> codes = new java.util.LinkedHashSet<>(index.keySet());
            codes.addAll(unknownTerms.keySet());
            return new Applicable(List.copyOf(conditions), Collections.unmodifiableMap(unknownTerms),
                    Collections.unmodifiableMap(index), Collections.unmodifiableSet(codes));
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
        Map<String, Entry> chosen = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (AgreementDef a = agreement; a != null && seen.add(a.id());
             a = a.inherits() == null ? null : rules.agreement(a.inherits()).orElse(null)) {
            for (ConditionSpec c : a.conditionList()) {
                chosen.putIfAbsent(c.code(), new Entry(c, "agreements/" + a.id() + ".yaml"));
            }
        }
        if (regionDef != null) {
            for (ConditionSpec c : regionDef.conditionList()) {
                if (c.appliesTo(agreementId, asOf)) {
                    chosen.putIfAbsent(c.code(), new Entry(c, "regions/" + region));
                }
            }
        }
        for (ConditionSpec c : rules.generic()) {
            chosen.putIfAbsent(c.code(), new Entry(c, "generic.yaml"));
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
            if (grant != null && grant.clauses() != null && grant.clauses().get(c.code()) != null) {
                source = grant.clauses().get(c.code()).within(regionDef.source());
            }
            Map<String, Object> values = new LinkedHashMap<>();
            List<String> unknownTerms = new ArrayList<>();
            Map<String, FamilyDef.Param> declared = family.params() == null ? Map.of() : family.params();
            for (Map.Entry<String, FamilyDef.Param> p : declared.entrySet()) {
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
            String severity = (c.severity() != null ? c.severity() : family.severity()).name();
            conditions.add(new Condition(c.code(), c.family(), severity,
                    c.title() != null ? c.title() : family.title(), source, Collections.unmodifiableMap(values),
                    e.file()));
        }
        return Applicable.of(conditions, unknown);
    }

    private record Entry(ConditionSpec spec, String file) {
    }
}
