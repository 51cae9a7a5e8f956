package se.bidragskoll.judgement;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The fact that says which region's plan and year is judged, on which date, and to what precision
 * its figures are rounded ({@code precision} kronor; absent: exact).
 */
public record PlanYear(String region, int year, LocalDate asOf, BigDecimal precision) {

    /** The rounding of {@code lines} figures: half the precision each. */
    public BigDecimal rounding(int lines) {
        return precision == null ? BigDecimal.ZERO
                : precision.divide(BigDecimal.valueOf(2)).multiply(BigDecimal.valueOf(lines));
    }

    public boolean isBefore(LocalDate date) {
        return date != null && asOf.isBefore(date);
    }
}
