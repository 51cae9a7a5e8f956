package se.bidragskoll.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import se.bidragskoll.ruleset.ConditionDef;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetException;
import se.bidragskoll.ruleset.RuleSetLoader;
import se.bidragskoll.scenario.Scenario;
import se.bidragskoll.scenario.ScenarioResult;
import se.bidragskoll.scenario.ScenarioSuite;

/**
 * {@code test [DIR]}: runs every scenario beside the rules, prints each by name, and the coverage of
 * results per condition code. Exit 0 when all pass, 1 when a scenario fails, 2 when the rules or
 * scenario files are broken.
 */
public final class RulesTestCommand {

    private RulesTestCommand() {
    }

    public static int run(Path dir, PrintStream out) {
        RuleSet rules;
        List<Scenario> scenarios;
        try {
            rules = RuleSetLoader.load(dir);
            scenarios = ScenarioSuite.load(dir);
        } catch (RuleSetException e) {
            e.problems().forEach(p -> out.println(dir.resolve(p.file()) + ":" + Math.max(1, p.line()) + ":"
                    + Math.max(1, p.column()) + ": " + p.message()));
            return 2;
        }
        int passed = 0;
        int failed = 0;
        Map<String, Set<String>> coverage = new TreeMap<>();
        String currentFile = null;
        for (Scenario scenario : scenarios) {
            if (!scenario.file().equals(currentFile)) {
                currentFile = scenario.file();
                out.println(currentFile);
            }
            ScenarioResult result = ScenarioSuite.run(rules, scenario);
            result.actualResults().forEach((code, got) -> coverage.computeIfAbsent(code, c -> new TreeSet<>()).add(got));
            if (result.passed()) {
                passed++;
                out.println("  PASS  " + scenario.name());
            } else {
                failed++;
                out.println("  FAIL  " + scenario.name() + "  (" + scenario.file() + ":" + scenario.line() + ")");
                result.mismatches().forEach(m -> out.println("          " + m));
            }
        }
        out.println();
        out.println("Coverage per condition (results seen in at least one scenario):");
        for (ConditionDef c : rules.conditions().values()) {
            Set<String> seen = coverage.getOrDefault(c.code(), Set.of());
            out.printf("  %-28s %s%n", c.code(), seen.isEmpty() ? "(no scenario)" : String.join(", ", seen));
        }
        out.println();
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    public static void main(String[] args) {
        System.exit(run(Path.of(args.length > 0 ? args[0] : "rules"), System.out));
    }
}
