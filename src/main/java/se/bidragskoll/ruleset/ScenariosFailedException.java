package se.bidragskoll.ruleset;

import java.util.List;
import se.bidragskoll.ruleset.RuleProblem;
import se.bidragskoll.ruleset.RuleSetException;

/** New rules compiled, but their scenarios failed, ran too long or allocated too much: they are not used. */
public class ScenariosFailedException extends RuleSetException {

    public ScenariosFailedException(List<RuleProblem> problems) {
        super(problems);
    }
}
