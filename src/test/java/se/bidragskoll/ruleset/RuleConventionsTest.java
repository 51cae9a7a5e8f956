package se.bidragskoll.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.bidragskoll.scenario.Scenario;
import se.bidragskoll.scenario.ScenarioSuite;

/** The conventions of the rules folder, checked rather than written in a wiki. */
class RuleConventionsTest {

    private static final Path RULES = Path.of("rules");
    private static final Set<String> CATALOGUE = Set.of(
            "PM-ACTION-PLAN-DEADLINE", "PM-ACTION-PLAN-AREAS", "PM-WAITING-TIME-REPORTING",
            "PM-WAITING-TIME-CONTINUITY", "PM-FUNDING-PERIOD", "PM-SUPPLEMENT-PURPOSE",
            "REG-CATEGORY", "REG-CATEGORY-REQUIREMENTS", "REG-COST-OBJECT", "REG-COST-OBJECT-EXCLUSIVE",
            "REG-EXIT-PLAN", "REG-DRAWDOWN-INCURRED", "REG-STEERING-ANALYSIS",
            "FIN-ALLOCATION-CEILING", "FIN-PLAN-TOTAL", "FIN-UNSPENT", "FIN-OVERSPEND",
            "DATA-LEDGER-REQUIRED-FIELDS", "DATA-LEDGER-DUPLICATE", "DATA-UNKNOWN-REFERENCE");

    @Test
    void shouldHaveEveryCodeOfTheCatalogueWithARuleAndASourceClause() {
        RuleSet rules = RuleSetLoader.load(RULES);
        assertEquals(CATALOGUE, rules.conditions().keySet());
        for (ConditionDef c : rules.conditions().values()) {
            assertTrue(c.source().clause() != null && !c.source().clause().isBlank(), c.code() + " cites no clause");
            assertTrue(rules.rules().stream().anyMatch(r -> c.code().equals(r.code())), c.code() + " has no rule");
            assertTrue(c.title().en() != null && !c.title().en().isBlank(), c.code() + " has no English title");
        }
    }

    @Test
    void shouldGiveEveryConditionAPassingAFailingABoundaryAndAMissingDataScenario() {
        Map<String, Set<String>> kinds = new HashMap<>();
        for (Scenario s : ScenarioSuite.load(RULES)) {
            for (String code : s.expectedResults().keySet()) {
                kinds.computeIfAbsent(code, c -> new TreeSet<>()).add(s.kind());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String code : CATALOGUE) {
            Set<String> seen = kinds.getOrDefault(code, Set.of());
            for (String kind : ScenarioSuite.KINDS) {
                if (!seen.contains(kind)) {
                    missing.add(code + " has no '" + kind + "' scenario");
                }
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    @Test
    void shouldOpenEveryRuleFileWithTheClauseItImplements() throws IOException {
        List<String> bare = new ArrayList<>();
        try (Stream<Path> files = Files.walk(RULES)) {
            for (Path drl : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                String text = Files.readString(drl);
                if (!text.contains("Källa:") || !text.contains("\"")) {
                    bare.add(drl.toString());
                }
                if (text.matches("(?s).*\\b(9916|2018-04-16|2019-01-01|12600000)\\b.*")
                        && text.replaceAll("(?s)/\\*.*?\\*/", "").matches("(?s).*\\b(9916|2018-04-16|2019-01-01|12600000)\\b.*")) {
                    bare.add(drl + " has an agreement number outside its comment: move it to a parameter file");
                }
            }
        }
        assertTrue(bare.isEmpty(), String.join("\n", bare));
    }
}
