package se.bidragskoll.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import se.bidragskoll.text.Text;

/**
 * One condition as an agreement, region or the generic file writes it: an instance of a family with
 * its own stable code, parameters and the clause that binds it.
 *
 * @param params    parameter values by name; a value may be dated: {@code [ {value: …, validFrom: …,
 *                  source: …} ]}; {@code unknown: true} (or a parameter's value {@code unknown}) says the
 *                  source names the term but not its value
 * @param appliesTo region files: {@code all} or a list of agreement ids
 * @param validFrom from when the condition binds: the date of the document it comes from (the file's
 *                  {@code validFrom} where the condition gives none)
 * @param validTo   the last day it binds, where its document states an end
 */
public record ConditionSpec(String code, String family, Map<String, JsonNode> params, SourceRef source,
                            ConditionDef.Severity severity, Text title, JsonNode appliesTo, LocalDate validFrom,
                            LocalDate validTo, LocalDate retiredOn, Boolean unknown, String note) {

    /** Whether a region's condition names this agreement ({@code appliesTo} all, absent, or listing it). */
    public boolean names(String agreement) {
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

    /** Whether the condition binds on {@code day}: on or after its start, not after its end. */
    public boolean bindsOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
    }

    /** The same condition binding from {@code from} to {@code to} where it states no dates of its own. */
    public ConditionSpec dated(LocalDate from, LocalDate to, SourceRef fileSource) {
        return new ConditionSpec(code, family, params, source == null ? null : source.within(fileSource), severity,
                title, appliesTo, validFrom != null ? validFrom : from, validTo != null ? validTo : to, retiredOn,
                unknown, note);
    }
}
