package se.bidragskoll.ruleset;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kie.api.KieBase;

/**
 * One loaded, immutable rule set: the compiled rules, the condition families, the catalogue of codes
 * (agreement files, region files, then the generic file), the agreements and regions with their
 * conditions, and the content hash that identifies it in every report.
 */
public record RuleSet(String version, Instant loadedAt, KieBase kieBase, Map<String, ConditionDef> conditions,
                      Map<String, AgreementDef> agreements, Map<String, RegionDef> regions,
                      List<RuleEngine.RuleInfo> rules, List<String> files, Map<String, FamilyDef> families,
                      List<ConditionSpec> generic, SourceRef genericSource, Populations populations,
                      PlanRules plan) {

    /**
     * The conditions of a region's plan and its year ({@code rules/plan/conditions.yaml}); a condition
     * whose clause is another file's names it in {@code clauseFrom}: {@code region:<family>} (the region
     * file's condition of that family) or {@code distribution} (each agreement's distribution source).
     */
    public record PlanRules(SourceRef source, List<ConditionSpec> conditions, Map<String, String> clauseFrom) {

        public static final PlanRules NONE = new PlanRules(null, List.of(), Map.of());
    }

    public Optional<ConditionDef> condition(String code) {
        return Optional.ofNullable(conditions.get(code));
    }

    public Optional<AgreementDef> agreement(String id) {
        return Optional.ofNullable(agreements.get(id));
    }

    public Optional<RegionDef> region(String code) {
        return Optional.ofNullable(regions.get(code));
    }

    public Optional<FamilyDef> family(String name) {
        return Optional.ofNullable(families.get(name));
    }

    /** How the region's ledger files look ({@code ledger} of its region file), or {@code null}. */
    public RegionDef.LedgerFormat ledgerFormat(String region) {
        return region(region).map(RegionDef::ledger).orElse(null);
    }

    /** The ledger file header that carries the grant tag in the region's exports, or {@code null} for the default. */
    public String objectColumn(String region) {
        return region(region).map(RegionDef::ledger).map(RegionDef.LedgerFormat::objectColumn).orElse(null);
    }
}
