package se.bidragskoll.ruleset;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import se.bidragskoll.scenario.Scenario;
import se.bidragskoll.scenario.ScenarioResult;
import se.bidragskoll.scenario.ScenarioSuite;

/** Runs every scenario file beside the rules; each scenario shows by its name. */
class RuleScenariosTest {

    @TestFactory
    Stream<DynamicNode> shouldJudgeEveryScenarioAsItExpects() {
        Path dir = Path.of("rules");
        RuleSet rules = RuleSetLoader.load(dir);
        Map<String, List<Scenario>> byFile = new LinkedHashMap<>();
        for (Scenario s : ScenarioSuite.load(dir)) {
            byFile.computeIfAbsent(s.file(), f -> new java.util.ArrayList<>()).add(s);
        }
        return byFile.entrySet().stream().map(file -> DynamicContainer.dynamicContainer(file.getKey(),
                file.getValue().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
                    ScenarioResult result = ScenarioSuite.run(rules, s);
                    assertTrue(result.passed(), () -> s.file() + ":" + s.line() + " " + s.name() + "\n  "
                            + String.join("\n  ", result.mismatches()));
                }))));
    }
}
