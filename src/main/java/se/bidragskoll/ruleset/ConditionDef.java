package se.bidragskoll.ruleset;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import se.bidragskoll.text.Text;

/**
 * A condition code as the catalogue lists it: built from the family and the first file that
 * instantiates the code. The clause a finding cites is not taken from here but from the instance
 * that applies to the dossier's agreement and region.
 *
 * @param family     the kind of condition (CONDITIONS.md sections A–D)
 * @param familyName the condition family that judges it
 * @param definedIn  the files that instantiate the code
 */
public record ConditionDef(String code, Family family, Severity severity, Text title, SourceRef source,
                           Map<String, Text> messages, List<String> parameters, LocalDate retiredOn,
                           String familyName, List<String> definedIn) {

    /** The catalogue's sections: A agreement, B regional, C financial, D data quality. */
    public enum Family {
        @JsonProperty("agreement") AGREEMENT,
        @JsonProperty("regional") REGIONAL,
        @JsonProperty("financial") FINANCIAL,
        @JsonProperty("data-quality") DATA_QUALITY,
        /** The region's plan of its year and the year's dossiers, judged together ({@code rules/plan/}). */
        @JsonProperty("plan") PLAN
    }

    public enum Severity { ERROR, WARNING, INFO }
}
