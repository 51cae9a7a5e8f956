package se.bidragskoll.api;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The bounds every value must keep at the edge, so that no single request can exhaust memory or
 * CPU, overflow a database column, or be stored and read back as something else. The README's
 * settings table lists them.
 */
public final class Limits {

    /** The largest amount in kronor, either sign: a thousand billion kronor, far above any grant. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    /** Öre: no amount has more decimals. */
    public static final int MAX_DECIMALS = 2;
    /** The largest sum of a ledger's amounts (absolute values): fits NUMERIC(18, 2) with room. */
    public static final BigDecimal MAX_LEDGER_TOTAL = new BigDecimal("999999999999999.99");
    public static final LocalDate MIN_DATE = LocalDate.of(1900, 1, 1);
    public static final LocalDate MAX_DATE = LocalDate.of(2200, 12, 31);
    /** Free text in a dossier (titles, purposes, exit plans, ledger texts) and decision comments. */
    public static final int MAX_TEXT = 4000;
    /** Codes and names (accounts, objects, units, recipients…), unless a column says otherwise. */
    public static final int MAX_CODE = 200;
    /** Characters of a JSON number: an amount needs about 20. */
    public static final int MAX_NUMBER_CHARS = 50;
    /** Nesting of a JSON document: a dossier needs 4. */
    public static final int MAX_JSON_DEPTH = 32;
    /** Bytes of one line of a ledger file (a real export's line is about 150). */
    public static final int MAX_CSV_LINE_BYTES = 64 * 1024;
    /** Fields of one line of a ledger file. */
    public static final int MAX_CSV_FIELDS = 200;
    /**
     * Findings and the items they name (ledger lines, measures, months…) in one judgement: a report
     * beyond this is refused, not built (a ledger of a million lines each missing its object would
     * otherwise name a million lines, twice rendered, and exhaust the heap). The benchmark's 1M-line
     * ledger, from LedgerGenerator's planting rates, names about 5 000 (estimated, not measured).
     */
    public static final int MAX_REPORT_ITEMS = 20_000;
    /** {@code #DIM} and {@code #UNDERDIM} items of an SIE file (SIE's own dimensions go to 19). */
    public static final int MAX_SIE_DIMENSIONS = 1_000;
    /** The deepest page of a listing: page × size may not pass this many items. */
    public static final long MAX_OFFSET = 1_000_000;

    private Limits() {
    }

    public static boolean inRange(LocalDate date) {
        return date == null || (!date.isBefore(MIN_DATE) && !date.isAfter(MAX_DATE));
    }

    /** Within ±{@link #MAX_AMOUNT}; compares exponents first, so {@code 1e1000000} costs nothing. */
    public static boolean inRange(BigDecimal amount) {
        return amount == null || amount.abs().compareTo(MAX_AMOUNT) <= 0;
    }
}
