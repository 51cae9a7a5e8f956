package se.bidragskoll.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import se.bidragskoll.judgement.Messages;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetLoader;

/** Runs rules/plan/scenarios.yml: each plan condition's pass, fail, boundary and missing-data cases. */
class PlanScenariosTest {

    static final Path RULES = Path.of("rules");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static RuleSet rules;

    static synchronized RuleSet rules() {
        if (rules == null) {
            rules = RuleSetLoader.load(RULES);
        }
        return rules;
    }

    static JsonNode file() throws Exception {
        return YAML.readTree(RULES.resolve("plan/scenarios.yml").toFile());
    }

    @TestFactory
    Stream<DynamicTest> shouldGiveEveryPlanScenarioItsExpectedResults() throws Exception {
        JsonNode file = file();
        PlanConditions conditions = PlanConditions.read(RULES);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode s : file.path("scenarios")) {
            tests.add(DynamicTest.dynamicTest(s.path("name").asText(), () -> {
                ObjectNode plan = file.path("defaults").deepCopy();
                s.path("plan").fields().forEachRemaining(f -> plan.set(f.getKey(), f.getValue()));
                PlanReport report = PlanJudge.judge(rules(), conditions, YAML.treeToValue(plan, RegionPlan.class),
                        LocalDate.of(2023, 6, 30), Messages.SWEDISH, null);
                JsonNode expect = s.path("expect");
                String only = null;
                for (var f = expect.fields(); f.hasNext(); ) {
                    var e = f.next();
                    if (e.getKey().startsWith("PLAN-")) {
                        only = e.getKey();
                        String code = e.getKey();
                        Report.ConditionResult got = report.conditions().stream().filter(c -> c.code().equals(code))
                                .findFirst().orElseThrow();
                        assertEquals(e.getValue().asText(), got.result().name(), code + " in " + report.findings());
                        if (expect.has("missing")) {
                            List<String> missing = new ArrayList<>();
                            expect.get("missing").forEach(m -> missing.add(m.asText()));
                            assertEquals(missing, got.missing(), code + " missing");
                        }
                    }
                }
                String code = only;
                List<Report.Finding> findings = report.findings().stream().filter(f -> f.code().equals(code)).toList();
                if (expect.has("findings")) {
                    assertEquals(expect.get("findings").asInt(), findings.size(), "findings of " + code);
                }
                if (expect.has("severity")) {
                    assertTrue(!findings.isEmpty() && findings.stream().allMatch(f -> f.severity().equals(
                            expect.get("severity").asText())), "severity of " + findings);
                }
                if (expect.has("amount")) {
                    assertEquals(0, new BigDecimal(expect.get("amount").asText()).compareTo(findings.get(0).amount()),
                            "amount of " + findings);
                }
                if (expect.has("facts")) {
                    List<String> facts = new ArrayList<>();
                    expect.get("facts").forEach(x -> facts.add(x.asText()));
                    assertEquals(facts, findings.stream().flatMap(f -> f.facts().stream()).map(f -> f.ref()).toList());
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void shouldGiveEveryPlanConditionAPassingAFailingABoundaryAndAMissingDataScenario() throws Exception {
        Map<String, Set<String>> kinds = new HashMap<>();
        for (JsonNode s : file().path("scenarios")) {
            s.path("expect").fieldNames().forEachRemaining(k -> {
                if (k.startsWith("PLAN-")) {
                    kinds.computeIfAbsent(k, c -> new TreeSet<>()).add(s.path("kind").asText());
                }
            });
        }
        for (PlanConditions.Code c : PlanConditions.read(RULES).codes()) {
            assertEquals(Set.of("boundary", "fail", "missing-data", "pass"), kinds.get(c.code()), c.code());
        }
    }
}
