package se.bidragskoll.judgement;

import java.math.BigDecimal;
import se.bidragskoll.model.LedgerLine;

/**
 * What is left, net of credits and reversals, of the grant's lines with one object, measure and unit
 * that sit where they should not: dated before or after the funding period, or tied to a measure of
 * the plan but booked on another object. A correction that leaves nothing ({@code net <= 0}) is no
 * breach; the rules report only positions with something left.
 *
 * @param credits how many credit lines (negative amounts) the position holds
 */
public record NetPosition(Kind kind, String object, String measure, String unit, BigDecimal net, int debits,
                          int credits) {

    /** Where the lines sit. */
    public enum Kind { BEFORE_PERIOD, AFTER_PERIOD, WRONG_OBJECT }

    public boolean beforePeriod() {
        return kind == Kind.BEFORE_PERIOD;
    }

    public boolean afterPeriod() {
        return kind == Kind.AFTER_PERIOD;
    }

    public boolean wrongObject() {
        return kind == Kind.WRONG_OBJECT;
    }

    public boolean left() {
        return net.signum() > 0;
    }

    public boolean corrected() {
        return credits > 0;
    }

    /** The costs (not the credits) of the groups, in ledger order: the lines a finding names as left. */
    public static java.util.List<LedgerLine> debits(java.util.Collection<?> groups) {
        java.util.List<LedgerLine> lines = new java.util.ArrayList<>();
        for (Object g : groups) {
            for (LedgerLine line : ((LedgerGroup) g).lines()) {
                if (line.amount() != null && line.amount().signum() > 0) {
                    lines.add(line);
                }
            }
        }
        lines.sort(java.util.Comparator.comparing(LedgerLine::row,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        return lines;
    }

    record Key(Kind kind, String object, String measure, String unit) {
    }
}
