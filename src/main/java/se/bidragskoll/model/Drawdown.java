package se.bidragskoll.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An internal drawdown (avrop) of allocated money by a unit. */
public record Drawdown(String unit, LocalDate date, BigDecimal amount) {

    /** How findings name this drawdown. */
    public String ref() {
        return unit + " " + date;
    }
}
