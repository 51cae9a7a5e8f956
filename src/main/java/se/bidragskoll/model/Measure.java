package se.bidragskoll.model;

import java.math.BigDecimal;

/** One measure (åtgärd) of the action plan. */
public record Measure(String id, String title, String area, String purpose, BigDecimal amount, Boolean permanent,
                      String exitPlan) {

    public boolean hasExitPlan() {
        return exitPlan != null && !exitPlan.isBlank();
    }
}
