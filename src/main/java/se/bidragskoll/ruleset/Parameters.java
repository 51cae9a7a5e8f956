package se.bidragskoll.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The agreement parameters the checker knows, and what kind of value each takes. A parameter file
 * naming another parameter, or giving a value of the wrong kind, is a problem of the rules folder.
 */
public final class Parameters {

    /** The kinds of parameter values. */
    public enum Kind { DATE, MONTH, LIST, AMOUNT, TEXT }

    public static final Map<String, Kind> AGREEMENT = Map.ofEntries(
            Map.entry("fundingPeriodStart", Kind.DATE),
            Map.entry("fundingPeriodEnd", Kind.DATE),
            Map.entry("actionPlanDeadline", Kind.DATE),
            Map.entry("waitingTimeFirstMonth", Kind.MONTH),
            Map.entry("developmentAreas", Kind.LIST),
            Map.entry("allowedPurposes", Kind.LIST),
            Map.entry("totalAmount", Kind.AMOUNT),
            Map.entry("regionsAmount", Kind.AMOUNT),
            Map.entry("distributionKey", Kind.TEXT),
            Map.entry("distributionKeyDate", Kind.DATE));

    /** Fields of a region's rules for one agreement ({@code regions/*.yaml: grants.<agreement>}). */
    public static final java.util.Set<String> REGION_GRANT = java.util.Set.of("category", "costObject", "responsible");

    private Parameters() {
    }

    /** Why the value does not fit the parameter's kind, or {@code null} when it does. */
    public static String problem(String name, JsonNode value) {
        Kind kind = AGREEMENT.get(name);
        if (kind == null) {
            return "unknown parameter '" + name + "'; known: " + new java.util.TreeSet<>(AGREEMENT.keySet());
        }
        if (value == null || value.isNull()) {
            return "parameter '" + name + "' has no value";
        }
        try {
            switch (kind) {
                case DATE -> LocalDate.parse(value.asText());
                case MONTH -> YearMonth.parse(value.asText());
                case LIST -> {
                    if (!value.isArray()) {
                        return "parameter '" + name + "' must be a list";
                    }
                }
                case AMOUNT -> {
                    if (!value.isNumber()) {
                        return "parameter '" + name + "' must be an amount";
                    }
                }
                case TEXT -> {
                    if (!value.isTextual()) {
                        return "parameter '" + name + "' must be text";
                    }
                }
            }
        } catch (DateTimeParseException e) {
            return "parameter '" + name + "' must be a " + (kind == Kind.DATE ? "date (YYYY-MM-DD)" : "month (YYYY-MM)")
                    + ", not '" + value.asText() + "'";
        }
        return null;
    }
}
