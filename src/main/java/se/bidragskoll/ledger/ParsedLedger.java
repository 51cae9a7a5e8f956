package se.bidragskoll.ledger;

import java.nio.charset.Charset;
import java.util.List;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.model.VoucherBalance;

/**
 * A ledger file read in full: its lines (each with its row in the file), its content hash and format
 * ({@link #CSV} or {@link #SIE}), and for an SIE file whether its vouchers balance ({@code null} for
 * a CSV file, which has lines only).
 */
public record ParsedLedger(List<LedgerLine> lines, String contentHash, Charset charset, char separator, String kind,
                           VoucherBalance vouchers) {

    public static final String CSV = "csv";
    public static final String SIE = "sie";

    /** A CSV file's lines. */
    public ParsedLedger(List<LedgerLine> lines, String contentHash, Charset charset, char separator) {
        this(lines, contentHash, charset, separator, CSV, null);
    }
}
