package se.bidragskoll.ruleset;

import java.util.List;
import java.util.stream.Collectors;

/** The rules folder does not make a usable rule set; carries every problem found. */
public class RuleSetException extends RuntimeException {

    private final transient List<RuleProblem> problems;

    public RuleSetException(List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
