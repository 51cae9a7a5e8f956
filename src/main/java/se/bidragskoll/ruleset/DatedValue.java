package se.bidragskoll.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;

/** One version of an agreement parameter, in force from {@code validFrom} (or always, when absent). */
public record DatedValue(LocalDate validFrom, JsonNode value, String source) {
}
