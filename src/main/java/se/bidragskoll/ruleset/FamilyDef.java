package se.bidragskoll.ruleset;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import se.bidragskoll.text.Text;

/**
 * A condition family ({@code rules/families/<name>.yaml}): written once, instantiated by agreement
 * and region files with their own code, parameters and clause. It declares its parameters (checked by
 * {@code check}), the dossier data it needs (missing data makes a condition CANNOT_ASSESS naming the
 * fields, without a rule saying so), its default severity, title and messages. Its DRL
 * ({@code rules/families/<name>.drl}) judges every condition of the family.
 *
 * @param kind where an instance may be written: {@code agreement} (agreement files),
 *             {@code regional} (region files), {@code financial} and {@code data-quality}
 *             ({@code rules/generic.yaml}, overridable by an agreement file with its own clause)
 */
public record FamilyDef(String family, ConditionDef.Family kind, ConditionDef.Severity severity, Text title,
                        String description, Map<String, Param> params, List<String> needs,
                        Map<String, Text> messages, Map<String, Text> labels) {

    /** One parameter of the family. */
    public record Param(Type type, Boolean required, String description) {

        public boolean isRequired() {
            return !Boolean.FALSE.equals(required);
        }
    }

    /** The types a parameter value may have. */
    public enum Type {
        @JsonProperty("date") DATE,
        @JsonProperty("month") MONTH,
        @JsonProperty("amount") AMOUNT,
        @JsonProperty("number") NUMBER,
        @JsonProperty("integer") INTEGER,
        @JsonProperty("text") TEXT,
        @JsonProperty("texts") TEXTS,
        @JsonProperty("ids") IDS,
        @JsonProperty("boolean") BOOLEAN
    }
}
