package se.bidragskoll.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed condition parameters: checks a value against its family's declared type, picks the version
 * in force on a date, and converts it to the Java value rules read. A value is either plain ("always")
 * or dated: {@code [ {value: …, validFrom: …, source: …}, … ]}.
 */
public final class Parameters {

    /** The largest amount a rule file may state (a region's grant is far below this). */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000000");

    private Parameters() {
    }

    /** Whether the value is a list of dated versions. */
    public static boolean isDated(JsonNode value) {
        if (value == null || !value.isArray() || value.isEmpty()) {
            return false;
        }
        for (JsonNode v : value) {
            if (!v.isObject() || !v.has("value")) {
                return false;
            }
        }
        return true;
    }

    /** Whether the source names the term but not its value ({@code unknown} or {@code {unknown: true}}). */
    public static boolean isUnknown(JsonNode value) {
        return value != null && ("unknown".equals(value.asText(null))
                || value.isObject() && value.path("unknown").asBoolean(false));
    }

    /** The version in force on {@code asOf}: the latest whose validFrom is not after it. */
    public static Optional<JsonNode> inForce(JsonNode value, LocalDate asOf) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!isDated(value)) {
            return Optional.of(value);
        }
        JsonNode best = null;
        LocalDate bestFrom = null;
        for (JsonNode v : value) {
            LocalDate from = v.hasNonNull("validFrom") ? LocalDate.parse(v.get("validFrom").asText()) : LocalDate.MIN;
            if (!from.isAfter(asOf) && (bestFrom == null || from.isAfter(bestFrom))) {
                best = v.get("value");
                bestFrom = from;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Why the (plain or dated) value does not fit the type, or {@code null} when it does. */
    public static String problem(String name, FamilyDef.Type type, JsonNode value) {
        if (value == null || value.isNull()) {
            return "parameter '" + name + "' has no value";
        }
        if (isUnknown(value)) {
            return null;
        }
        if (isDated(value)) {
            for (JsonNode v : value) {
                if (v.hasNonNull("validFrom")) {
                    try {
                        LocalDate.parse(v.get("validFrom").asText());
                    } catch (DateTimeParseException e) {
                        return "parameter '" + name + "': validFrom must be a date (YYYY-MM-DD), not '"
                                + v.get("validFrom").asText() + "'";
                    }
                }
                String why = problem(name, type, v.get("value"));
                if (why != null) {
                    return why;
                }
            }
            return null;
        }
        try {
            switch (type) {
                case DATE -> LocalDate.parse(value.asText());
                case MONTH -> YearMonth.parse(value.asText());
                case AMOUNT, NUMBER -> {
                    if (!value.isNumber()) {
                        return "parameter '" + name + "' must be a number, not '" + value.asText() + "'";
                    }
                    if (value.decimalValue().abs().compareTo(MAX_AMOUNT) > 0) {
                        return "parameter '" + name + "' is larger than " + MAX_AMOUNT.toPlainString();
                    }
                }
                case INTEGER -> {
                    if (!value.canConvertToInt()) {
                        return "parameter '" + name + "' must be a whole number, not '" + value.asText() + "'";
                    }
                }
                case TEXT -> {
                    if (!value.isTextual() && !value.isNumber()) {
                        return "parameter '" + name + "' must be text";
                    }
                }
                case BOOLEAN -> {
                    if (!value.isBoolean()) {
                        return "parameter '" + name + "' must be true or false";
                    }
                }
                case TEXTS -> {
                    if (!value.isArray()) {
                        return "parameter '" + name + "' must be a list of texts";
                    }
                }
                case IDS -> {
                    if (!value.isArray() || value.isEmpty()) {
                        return "parameter '" + name + "' must be a non-empty list of {id, title}";
                    }
                    for (JsonNode item : value) {
                        if (!(item.isTextual() || item.isObject() && item.hasNonNull("id"))) {
                            return "parameter '" + name + "': every item needs an id";
                        }
                    }
                }
            }
        } catch (DateTimeParseException e) {
            return "parameter '" + name + "' must be a " + (type == FamilyDef.Type.DATE ? "date (YYYY-MM-DD)"
                    : "month (YYYY-MM)") + ", not '" + value.asText() + "'";
        }
        return null;
    }

    /** The Java value of a plain value: LocalDate, YearMonth, BigDecimal, Integer, String, Boolean, lists. */
    public static Object convert(FamilyDef.Type type, JsonNode value) {
        return switch (type) {
            case DATE -> LocalDate.parse(value.asText());
            case MONTH -> YearMonth.parse(value.asText());
            case AMOUNT, NUMBER -> value.decimalValue();
            case INTEGER -> value.asInt();
            case TEXT -> value.asText();
            case BOOLEAN -> value.asBoolean();
            case TEXTS -> {
                List<String> list = new ArrayList<>();
                value.forEach(v -> list.add(v.asText()));
                yield List.copyOf(list);
            }
            case IDS -> {
                Map<String, String> ids = new LinkedHashMap<>();
                value.forEach(v -> ids.put(v.isObject() ? v.get("id").asText() : v.asText(),
                        v.isObject() ? v.path("title").asText(v.get("id").asText()) : v.asText()));
                yield java.util.Collections.unmodifiableMap(ids);
            }
        };
    }
}
