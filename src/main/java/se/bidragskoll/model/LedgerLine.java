package se.bidragskoll.model;

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

    /**
     * Hashes only the fields that identify a line. Equal lines still hash alike (equality stays the
     * record's own), and the rule engine, which keeps the lines it matched in hash maps, does not hash
     * twelve fields per line and rule.
     */
    @Override
    public int hashCode() {
        return (31 * (voucher == null ? 0 : voucher.hashCode()) + (line == null ? 0 : line)) * 31
                + (row == null ? 0 : row);
    }

    /** The lines with their position (1-based) as {@code row} where they have none; the same list when all do. */
    public static java.util.List<LedgerLine> numbered(java.util.List<LedgerLine> ledger) {
        if (ledger.stream().allMatch(l -> l.row() != null)) {
            return ledger;
        }
        java.util.List<LedgerLine> numbered = new java.util.ArrayList<>(ledger.size());
        for (int i = 0; i < ledger.size(); i++) {
            LedgerLine l = ledger.get(i);
            numbered.add(l.row() != null ? l : l.withRow(i + 1));
        }
        return numbered;
    }

    public LedgerLine withRow(int newRow) {
        return new LedgerLine(voucher, line, date, account, responsibility, activity, object, unit, measure, amount,
                text, newRow);
    }
}
