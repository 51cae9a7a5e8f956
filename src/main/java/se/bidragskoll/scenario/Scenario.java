package se.bidragskoll.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One case of a {@code *.test.yaml} file beside the rules: a dossier (merged over the file's
 * defaults) and what the rules must say about it.
 *
 * @param kind pass, fail, boundary or missing-data: every condition has one of each
 */
public record Scenario(String file, int line, String name, String kind, JsonNode dossier,
                       Map<String, String> expectedResults, JsonNode expect) {
}
