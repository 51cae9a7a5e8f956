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
