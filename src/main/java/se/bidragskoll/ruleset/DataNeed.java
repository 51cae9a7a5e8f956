package se.bidragskoll.ruleset;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The dossier data a family may declare that it needs (its {@code needs:}). When a need is not met,
 * the condition is CANNOT_ASSESS naming {@link #fields()}, decided once by the evaluator, not by a
 * rule per condition.
 */
public enum DataNeed {
    LEDGER("ledger", "ledger"),
    GRANTED_AMOUNT("grant.grantedAmount", "grant.grantedAmount"),
    COST_OBJECT("grant.costObject", "grant.costObject"),
    /** Which ledger lines the grant carries: its cost object or the measures of its plan. */
    GRANT_SCOPE("grantScope", "grant.costObject", "actionPlan.measures"),
    MEASURES("actionPlan.measures", "actionPlan.measures"),
    MEASURE_AMOUNTS("actionPlan.measures.amount", "actionPlan.measures.amount"),
    ALLOCATIONS("allocations", "allocations"),
    ALLOCATION_AMOUNTS("allocations.amount", "allocations.amount"),
    ALLOCATIONS_OR_MEASURES("allocationsOrMeasures", "allocations", "actionPlan.measures"),
    DRAWDOWNS("drawdowns", "drawdowns"),
    WAITING_TIME_REPORTS("waitingTimeReports", "waitingTimeReports"),
    STEERING_ANALYSIS("steeringGroupAnalysis.date", "steeringGroupAnalysis.date"),
    FUNDING_PERIOD("fundingPeriod", "agreement: funding-period"),
    GRANT("grant", "grant"),
    GRANT_CATEGORY("grant.category", "grant.category"),
    /** Reported indicator values (performance thresholds). */
    INDICATORS("indicators", "indicators"),
    /** The region file gives the agreement a category ({@code grants.<agreement>.category}). */
    REGION_CATEGORY("region.grants.category", "region.grants.category");

    private final String yamlName;
    private final List<String> fields;

    DataNeed(String yamlName, String... fields) {
        this.yamlName = yamlName;
        this.fields = List.of(fields);
    }

    public String yamlName() {
        return yamlName;
    }

    /** The fields a CANNOT_ASSESS names when the need is not met. */
    public List<String> fields() {
        return fields;
    }

    public static Optional<DataNeed> of(String name) {
        return Arrays.stream(values()).filter(n -> n.yamlName.equals(name)).findFirst();
    }

    public static boolean known(String name) {
        return of(name).isPresent();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(DataNeed::yamlName).toList();
    }
}
