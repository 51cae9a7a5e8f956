package se.bidragskoll.ruleset;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code rules/conditions.yaml}: a stable condition code, its titles, the clause it
 * implements and the message templates its rules use.
 *
 * @param family agreement, regional, financial or data-quality (CONDITIONS.md sections A–D)
 * @param parameters what the rules need from the parameter files: agreement parameters for
 *                   agreement and financial conditions, the region's grant fields for regional ones
 */
public record ConditionDef(String code, Family family, Severity severity, Text title, SourceRef source,
                           Map<String, Text> messages, List<String> parameters, LocalDate retiredOn) {

    /** The catalogue's sections: A agreement, B regional, C financial, D data quality. */
    public enum Family {
        @JsonProperty("agreement") AGREEMENT,
        @JsonProperty("regional") REGIONAL,
        @JsonProperty("financial") FINANCIAL,
        @JsonProperty("data-quality") DATA_QUALITY
    }

    public enum Severity { ERROR, WARNING, INFO }
}
