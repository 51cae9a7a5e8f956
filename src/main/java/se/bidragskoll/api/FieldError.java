package se.bidragskoll.api;

import se.bidragskoll.text.Text;

/** One fault in a request: the field (e.g. {@code grant.grantedAmount}, {@code ledger[3].date}) and what is wrong. */
public record FieldError(String field, Text message) {
}
