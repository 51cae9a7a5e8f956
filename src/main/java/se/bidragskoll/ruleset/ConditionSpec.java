package se.bidragskoll.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One condition as an agreement, region or the generic file writes it: an instance of a family with
 * its own stable code, parameters and the clause that binds it.
 *
 * @param params    parameter values by name; a value may be dated: {@code [ {value: …, validFrom: …,
 *                  source: …} ]}; {@code unknown: true} (or a parameter's value {@code unknown}) says the
 *                  source names the term but not its value
 * @param appliesTo region files: {@code all} or a list of agreement ids
 * @param validFrom region files: when the region's rule took effect
 */
public record ConditionSpec(String code, String family, Map<String, JsonNode> params, SourceRef source,
                            ConditionDef.Severity severity, Text title, JsonNode appliesTo, LocalDate validFrom,
                            LocalDate retiredOn, Boolean unknown, String note) {

    /** Whether a region's condition applies to this agreement on {@code asOf}. */
    public boolean appliesTo(String agreement, LocalDate asOf) {
        if (validFrom != null && asOf.isBefore(validFrom)) {
            return false;
        }
        if (retiredOn != null && !asOf.isBefore(retiredOn)) {
            return false;
        }
        if (appliesTo == null || appliesTo.isNull() || "all".equals(appliesTo.asText())) {
            return true;
        }
        if (appliesTo.isArray()) {
            for (JsonNode a : appliesTo) {
                if (a.asText().equals(agreement)) {
                    return true;
                }
            }
            return false;
        }
        return appliesTo.asText().equals(agreement);
    }
}
