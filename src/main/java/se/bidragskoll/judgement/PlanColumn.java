package se.bidragskoll.judgement;

import java.math.BigDecimal;

/**
 * A column of a region's plan with its stated total: the sum of its {@code lines} figures, or the
 * first field without a figure ({@code missing}), or no stated total ({@code stated} null).
 */
public record PlanColumn(String column, BigDecimal stated, BigDecimal sum, int lines, String missing) {

    public String ref() {
        return "statedTotals." + column;
    }

    public BigDecimal diff() {
        return stated == null || sum == null ? null : stated.subtract(sum).abs();
    }

    /** How far the stated total may lie from the sum by rounding alone: the year's rounding of this column's lines. */
    public BigDecimal rounding(PlanYear year) {
        return year.rounding(lines);
    }
}
