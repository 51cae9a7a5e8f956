package se.bidragskoll.ruleset;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import se.bidragskoll.text.Text;

/**
 * A region file under {@code rules/regions/}: the region's own rules for targeted grants (conditions
 * that apply to all or some of its agreements, from a date), its categories and how it books each
 * agreement (category, cost object, responsible).
 */
public record RegionDef(String region, String name, SourceRef source, List<ConditionSpec> conditions,
                        Map<String, Category> categories, Map<String, GrantRules> grants, LedgerFormat ledger,
                        LocalDate validFrom, LocalDate validTo) {

    /**
     * How the region's ledger exports name their columns, where they differ from the usual;
     * {@code sie} how its SIE 4 files carry the ledger fields in dimensions.
     */
    public record LedgerFormat(String objectColumn, Sie sie) {
    }

    /**
     * The region's SIE 4 files: {@code dimensions} maps a ledger field (a CSV column name such as
     * {@code objekt}, {@code ansvar}, {@code verksamhet}, {@code enhet}, {@code åtgärd}) to the
     * dimension number that carries it, before any {@code #DIM} name.
     */
    public record Sie(java.util.Map<String, Integer> dimensions) {
    }

    /** A category of the region's rules and what it requires (e.g. action-plan, cost-object, responsible). */
    public record Category(Text title, List<String> requires) {
    }

    /**
     * How the region handles one agreement. {@code clauses} gives the region's own clause for a generic
     * (financial or data-quality) condition of that agreement, e.g. the figure its own document states.
     */
    public record GrantRules(Integer category, String costObject, String responsible, SourceRef source,
                             Map<String, SourceRef> clauses) {
    }

    public List<ConditionSpec> conditionList() {
        return conditions == null ? List.of() : conditions;
    }
}
