package se.bidragskoll.judgement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import se.bidragskoll.model.LedgerLine;

/**
 * Ledger lines that agree on everything the rules test: object, measure, unit, date, and which
 * required fields they have. Rules match groups instead of single lines, so a million-line ledger
 * is a few thousand facts; a finding still names every line of the group.
 */
public record LedgerGroup(String object, String measure, String unit, LocalDate date, boolean hasVoucher,
                          boolean hasAccount, boolean hasAmount, List<LedgerLine> lines, BigDecimal total) {

    /** The grouping key of a line. */
    record Key(String object, String measure, String unit, LocalDate date, boolean hasVoucher, boolean hasAccount,
               boolean hasAmount) {

        static Key of(LedgerLine line) {
            return new Key(line.object(), line.measure(), line.unit(), line.date(), line.voucher() != null,
                    line.account() != null, line.amount() != null);
        }

        // Written out rather than left to the record: a million-line ledger hashes a key per line.
        @Override
        public int hashCode() {
            int h = java.util.Objects.hashCode(object);
            h = 31 * h + java.util.Objects.hashCode(measure);
            h = 31 * h + java.util.Objects.hashCode(unit);
            h = 31 * h + (date == null ? 0 : date.hashCode());
            return 8 * h + (hasVoucher ? 4 : 0) + (hasAccount ? 2 : 0) + (hasAmount ? 1 : 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hasVoucher == k.hasVoucher && hasAccount == k.hasAccount
                    && hasAmount == k.hasAmount && java.util.Objects.equals(date, k.date)
                    && java.util.Objects.equals(object, k.object) && java.util.Objects.equals(measure, k.measure)
                    && java.util.Objects.equals(unit, k.unit);
        }

        LedgerGroup group(List<LedgerLine> lines, BigDecimal total) {
            return new LedgerGroup(object, measure, unit, date, hasVoucher, hasAccount, hasAmount, lines, total);
        }
    }

    public int size() {
        return lines.size();
    }

    /** Short: a group can hold many thousand lines, and engines log what they insert. */
    @Override
    public String toString() {
        return "LedgerGroup[object=" + object + ", measure=" + measure + ", unit=" + unit + ", date=" + date
                + ", lines=" + lines.size() + ", total=" + total + "]";
    }
}
