package se.bidragskoll.ruleset;

/** A problem in the rules folder, located as {@code FILE:LINE:COL: message}. */
public record RuleProblem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + Math.max(line, 1) + ":" + Math.max(column, 1) + ": " + message;
    }
}
