package se.bidragskoll.judgement;

import java.util.function.Consumer;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.model.VoucherBalance;

/**
 * A ledger too large to hold, read as a stream: a file that can be read again. Each line carries its
 * row in the source, unique within it.
 */
public interface LedgerSource {

    /**
     * Gives every line to {@code sink}, in order; the same lines on every call. Fails (after reading
     * it all) when the source has bad rows.
     */
    void forEach(Consumer<LedgerLine> sink);

    /** An estimate of the number of lines (an overestimate is fine). */
    long expectedLines();

    /** Whether the source has whole vouchers (an SIE file), so that {@link #voucherBalance()} is known after a pass. */
    default boolean wholeVouchers() {
        return false;
    }

    /** What the last pass found of the vouchers' balance; {@code null} for lines only, or before a pass. */
    default VoucherBalance voucherBalance() {
        return null;
    }
}
