package se.bidragskoll.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One case of a {@code *.test.yaml} file beside the rules: a dossier (merged over the file's
 * defaults), or a region's plan with the year's stored dossiers ({@code plan:} and {@code dossiers:}),
 * and what the rules must say about it.
 *
 * @param kind    pass, fail, boundary or missing-data: every condition has one of each
 * @param dossier the dossier, or for a plan scenario the plan with its {@code dossiers}
 * @param plan    whether the scenario judges a region's plan and its year
 */
public record Scenario(String file, int line, String name, String kind, JsonNode dossier,
                       Map<String, String> expectedResults, JsonNode expect, boolean plan) {

    public Scenario(String file, int line, String name, String kind, JsonNode dossier,
                    Map<String, String> expectedResults, JsonNode expect) {
        this(file, line, name, kind, dossier, expectedResults, expect, false);
    }
}
