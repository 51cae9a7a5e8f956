package se.bidragskoll.model;

import java.util.List;

/**
 * Whether the vouchers of a ledger that came as whole vouchers (an SIE 4 file, with every row,
 * balance-sheet rows included) balance: how many vouchers the file had, the first unbalanced ones and
 * how many there were in all. Absent for a ledger of lines only (CSV, or the dossier's own
 * {@code ledger}): there the balance cannot be told, and the condition on it does not apply.
 */
public record VoucherBalance(Integer vouchers, List<UnbalancedVoucher> unbalanced, Integer unbalancedCount) {
}
