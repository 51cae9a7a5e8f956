package se.bidragskoll.ledger;

import java.nio.charset.Charset;
import java.util.List;
import se.bidragskoll.model.LedgerLine;

/**
 * A ledger file read in full: its lines (each with its row in the file), its content hash and format
 * ({@link #CSV} or {@link #SIE}), and for an SIE file the vouchers that do not balance (the first
 * {@link SieLedgerReader#MAX_UNBALANCED}; {@code unbalancedCount} counts them all).
 */
public record ParsedLedger(List<LedgerLine> lines, String contentHash, Charset charset, char separator, String kind,
                           List<SieLedgerReader.Unbalanced> unbalanced, int unbalancedCount) {

    public static final String CSV = "csv";
    public static final String SIE = "sie";

    /** A CSV file's lines. */
    public ParsedLedger(List<LedgerLine> lines, String contentHash, Charset charset, char separator) {
        this(lines, contentHash, charset, separator, CSV, List.of(), 0);
    }
}
