package se.bidragskoll.model;

import java.math.BigDecimal;

/**
 * A voucher of a ledger file whose rows (as they stand after the file's corrections) do not add up to
 * zero: {@code voucher} as its ledger lines name it (e.g. {@code A 104233}), {@code difference} what
 * its rows add up to, {@code row} its {@code #VER} line in the file.
 */
public record UnbalancedVoucher(String voucher, BigDecimal difference, Integer row) {

    /** How findings name the voucher: its series and number, or its line in the file. */
    public String ref() {
        return voucher != null ? voucher : "rad " + row;
    }
}
