package se.bidragskoll.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import se.bidragskoll.ruleset.ClauseVerifier;
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
            if (rules != null) {
                problems.addAll(untestedOverrides(dir, rules, scenarios));
            }
        } catch (RuleSetException e) {
            problems.addAll(e.problems());
        }
        return problems;
    }

    /**
     * A condition that overrides a generic one (an agreement's own clause for a FIN-/DATA- code, or a
     * region's under grants.…clauses) cites other words than the generic condition: it needs a scenario
     * of its own, a dossier of that agreement (and region) expecting the code.
     */
    static List<RuleProblem> untestedOverrides(Path dir, RuleSet rules, List<Scenario> scenarios) {
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleSetLoader.Override o : RuleSetLoader.overrides(dir, rules)) {
            boolean tested = scenarios.stream().anyMatch(s -> s.expectedResults().containsKey(o.code())
                    && o.agreement().equals(s.dossier().path("agreement").asText())
                    && (o.region() == null || o.region().equals(s.dossier().path("region").asText())));
            if (!tested) {
                problems.add(new RuleProblem(o.file(), o.line(), o.column(), o.code() + " is given its own clause "
                        + "here for " + o.agreement() + (o.region() == null ? "" : " in region " + o.region())
                        + ", but no scenario judges a dossier of " + o.agreement()
                        + (o.region() == null ? "" : " for region " + o.region()) + " expecting " + o.code()
                        + ": an override needs scenarios of its own"));
            }
        }
        return problems;
    }

    public static int run(Path dir, PrintStream out) {
        return run(dir, List.of(), out);
    }

    /**
     * Checks the folder and that every quoted clause is the words of the text it names
     * ({@link ClauseVerifier}): in {@code sources}, or without them in the folder's own {@code sources/}.
     * A clause whose text is in neither is a problem too: a quotation no one can check is not taken on trust.
     */
    public static int run(Path dir, List<Path> sources, PrintStream out) {
        List<RuleProblem> problems = problems(dir);
        List<Path> texts = !sources.isEmpty() ? sources
                : java.nio.file.Files.isDirectory(ClauseVerifier.sourcesOf(dir)) ? List.of(ClauseVerifier.sourcesOf(dir)) : List.of();
        ClauseVerifier.Outcome clauses = texts.isEmpty() ? null : new ClauseVerifier(texts).verify(dir);
        if (clauses != null) {
            problems.addAll(clauses.problems());
            problems.addAll(clauses.unverified());
        }
        for (RuleProblem p : problems) {
            out.println(located(dir, p));
        }
        if (clauses != null) {
            out.println(clauses.verified() + " quoted " + (clauses.verified() == 1 ? "clause" : "clauses")
                    + " found in the source texts, " + clauses.problems().size() + " not found, "
                    + clauses.unverified().size() + " unverified (no source text in " + texts + ")");
        }
        if (problems.isEmpty()) {
            out.println(dir + ": rules, parameters and scenarios are in order");
            return 0;
        }
        out.println(problems.size() + (problems.size() == 1 ? " problem in " : " problems in ") + dir);
        return 1;
    }

    static String located(Path dir, RuleProblem p) {
        return dir.resolve(p.file()) + ":" + Math.max(1, p.line()) + ":" + Math.max(1, p.column()) + ": " + p.message();
    }
}
