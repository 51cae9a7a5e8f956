package se.bidragskoll.ledger;

import java.nio.charset.Charset;
import java.util.List;
import se.bidragskoll.model.LedgerLine;

/** A ledger file read in full: its lines (each with its row in the file), its content hash and format. */
public record ParsedLedger(List<LedgerLine> lines, String contentHash, Charset charset, char separator) {
}
