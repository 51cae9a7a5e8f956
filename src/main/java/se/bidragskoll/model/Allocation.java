package se.bidragskoll.model;

import java.math.BigDecimal;

/** Money of the grant allocated to an administration or unit (fördelning). */
public record Allocation(String unit, BigDecimal amount, String purpose) {
}
