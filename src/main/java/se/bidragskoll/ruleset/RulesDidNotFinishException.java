package se.bidragskoll.ruleset;

/**
 * A judgement stopped because the rules did not finish within their bounds (firings or time): a
 * defect of the rule set, not of the input. Nothing is stored; the caller gets 503.
 */
public class RulesDidNotFinishException extends RuntimeException {

    public RulesDidNotFinishException(String message) {
        super(message);
    }
}
