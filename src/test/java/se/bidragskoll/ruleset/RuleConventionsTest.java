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
    /** The codes of CONDITIONS.md: they keep their meaning (and their scenarios) forever. */
    private static final Set<String> CONDITIONS_MD = Set.of(
            "PM-ACTION-PLAN-DEADLINE", "PM-ACTION-PLAN-AREAS", "PM-WAITING-TIME-REPORTING",
            "PM-WAITING-TIME-CONTINUITY", "PM-FUNDING-PERIOD", "PM-SUPPLEMENT-PURPOSE",
            "REG-CATEGORY", "REG-CATEGORY-REQUIREMENTS", "REG-COST-OBJECT", "REG-COST-OBJECT-EXCLUSIVE",
            "REG-EXIT-PLAN", "REG-DRAWDOWN-INCURRED", "REG-STEERING-ANALYSIS",
            "FIN-ALLOCATION-CEILING", "FIN-PLAN-TOTAL", "FIN-UNSPENT", "FIN-OVERSPEND",
            "DATA-LEDGER-REQUIRED-FIELDS", "DATA-LEDGER-DUPLICATE", "DATA-UNKNOWN-REFERENCE");

    @Test
    void shouldHaveEveryCodeOfTheCatalogueWithAFamilyRuleAndAClauseInEveryFileThatUsesIt() {
        RuleSet rules = RuleSetLoader.load(RULES);
        assertTrue(rules.conditions().keySet().containsAll(CONDITIONS_MD),
                "missing: " + new TreeSet<>(CONDITIONS_MD).stream().filter(c -> !rules.conditions().containsKey(c)).toList());
        for (ConditionDef c : rules.conditions().values()) {
            assertTrue(rules.rules().stream().anyMatch(r -> c.familyName().equals(r.family())), c.code() + " has no rule");
            assertTrue(c.title().en() != null && !c.title().en().isBlank(), c.code() + " has no English title");
        }
        List<ConditionSpec> all = new ArrayList<>(rules.generic());
        rules.agreements().values().forEach(a -> all.addAll(a.conditionList()));
        rules.regions().values().forEach(r -> all.addAll(r.conditionList()));
        for (ConditionSpec c : all) {
            assertTrue(c.source() != null && c.source().clause() != null && !c.source().clause().isBlank()
                    && c.source().document() != null, c.code() + " cites no clause in a document");
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
        for (String code : RuleSetLoader.load(RULES).conditions().keySet()) {
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
    void shouldKeepFamilyRulesFreeOfAgreementsCodesAndNumbers() throws IOException {
        List<String> bare = new ArrayList<>();
        try (Stream<Path> files = Files.walk(RULES)) {
            for (Path drl : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                String text = Files.readString(drl);
                String name = drl.getFileName().toString().replace(".drl", "");
                if (!text.contains("Family " + name + ":")) {
                    bare.add(drl + " does not open with a comment saying what family " + name + " judges");
                }
                String code = text.replaceAll("(?s)/\\*.*?\\*/", "");
                if (code.matches("(?s).*(\\b\\d{4}-\\d{2}(-\\d{2})?\\b|\\b(PM|REG|FIN|DATA|KH23)-[A-Z]|\\b9916\\b|\\d{6,}).*")) {
                    bare.add(drl + " names an agreement's code, date or number: those belong in agreement and region files");
                }
            }
        }
        assertTrue(bare.isEmpty(), String.join("\n", bare));
    }
}
