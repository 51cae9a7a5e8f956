package se.bidragskoll.dossier;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One posting (kontering) of the region's ledger. {@code row} is where the line came from: its row in
 * an imported file, or its position (1-based) in the dossier's {@code ledger} list.
 */
public record LedgerLine(String voucher, Integer line, LocalDate date, String account, String responsibility,
                         String activity, String object, String unit, String measure, BigDecimal amount,
                         String text, Integer row) {

    /**
     * How findings name this line: voucher and line number, e.g. {@code A 104233/2}; a line without a
     * voucher by its place in the ledger, e.g. {@code rad 1733}.
     */
    public String ref() {
        if (voucher == null) {
            return "rad " + row;
        }
        return line == null ? voucher : voucher + "/" + line;
    }

    public LedgerLine withRow(int newRow) {
        return new LedgerLine(voucher, line, date, account, responsibility, activity, object, unit, measure, amount,
                text, newRow);
    }
}
