package se.bidragskoll.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The grant as the region received it: amount, category under the region's rules, cost object. */
public record Grant(BigDecimal grantedAmount, LocalDate receivedOn, Integer category, String costObject,
                    String responsible) {
}
