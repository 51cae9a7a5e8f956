package se.bidragskoll.ruleset;

import java.util.List;
import java.util.Map;

/**
 * A region file under {@code rules/regions/}: the region's own rules for targeted grants, which
 * regional conditions it enables, and how it handles each agreement (category, cost object).
 */
public record RegionDef(String region, String name, SourceRef source, List<String> conditions,
                        Map<String, Category> categories, Map<String, GrantRules> grants, LedgerFormat ledger) {

    /** How the region's ledger exports name their columns, where they differ from the usual. */
    public record LedgerFormat(String objectColumn) {
    }

    /** A category of the region's rules and what it requires (e.g. action-plan, cost-object, responsible). */
    public record Category(Text title, List<String> requires) {
    }

    /** How the region handles one agreement. */
    public record GrantRules(Integer category, String costObject, String responsible, List<String> conditions,
                             SourceRef source) {
    }
}
