package se.bidragskoll.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import se.bidragskoll.ruleset.RuleProblem;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetException;
import se.bidragskoll.ruleset.RuleSetLoader;
import se.bidragskoll.scenario.Scenario;
import se.bidragskoll.scenario.ScenarioSuite;

/**
 * {@code check [DIR]}: the rules folder compiles and loads, the conventions hold, and the scenarios
 * name only known codes. Prints {@code FILE:LINE:COL: message} per problem; exit 0 when clean, 1 otherwise.
 */
public final class CheckCommand {

    private CheckCommand() {
    }

    public static List<RuleProblem> problems(Path dir) {
        List<RuleProblem> problems = new ArrayList<>();
        RuleSet rules = null;
        try {
            rules = RuleSetLoader.load(dir);
        } catch (RuleSetException e) {
            problems.addAll(e.problems());
        }
        try {
            List<Scenario> scenarios = ScenarioSuite.load(dir);
            java.util.Set<String> codes = rules != null ? rules.conditions().keySet() : RuleSetLoader.catalogueCodes(dir);
            if (!codes.isEmpty()) {
                for (Scenario s : scenarios) {
                    for (String code : s.expectedResults().keySet()) {
                        if (!codes.contains(code)) {
                            problems.add(new RuleProblem(s.file(), s.line(), 1, "scenario '" + s.name()
                                    + "' expects a result for unknown condition code " + code));
                        }
                    }
                }
            }
        } catch (RuleSetException e) {
            problems.addAll(e.problems());
        }
        return problems;
    }

    public static int run(Path dir, PrintStream out) {
        List<RuleProblem> problems = problems(dir);
        for (RuleProblem p : problems) {
            out.println(located(dir, p));
        }
        if (problems.isEmpty()) {
            out.println(dir + ": rules, parameters and scenarios are in order");
            return 0;
        }
        out.println(problems.size() + " problem(s) in " + dir);
        return 1;
    }

    static String located(Path dir, RuleProblem p) {
        return dir.resolve(p.file()) + ":" + Math.max(1, p.line()) + ":" + Math.max(1, p.column()) + ": " + p.message();
    }
}
