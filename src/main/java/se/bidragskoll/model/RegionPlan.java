package se.bidragskoll.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A region's plan of all its targeted grants for a year (API.md, version 2: "The region plan"): the
 * table every region keeps, one line per grant with the plan amount, the part budgeted in the
 * administration and whether the activity is permanent.
 *
 * @param precision the figures were rounded to this many kronor (0,1 mnkr = 100 000); absent: exact
 */
public record RegionPlan(String region, Integer year, LocalDate asOf, String administration, Source source,
                         BigDecimal precision, List<Line> lines, Totals statedTotals) {

    /** Where the plan comes from: the region's document and the section the table is in. */
    public record Source(String document, String where) {
    }

    /** One grant in the plan. {@code agreement} names a file under rules/agreements/, or is null. */
    public record Line(String name, String agreement, BigDecimal planAmount, BigDecimal administrationBudget,
                       Boolean permanent, String exitPlan, String comment) {

        public boolean hasExitPlan() {
            return exitPlan != null && !exitPlan.isBlank();
        }
    }

    /** The totals the plan states under its columns. */
    public record Totals(BigDecimal planAmount, BigDecimal administrationBudget) {
    }

    public List<Line> lineList() {
        return lines == null ? List.of() : lines;
    }
}
