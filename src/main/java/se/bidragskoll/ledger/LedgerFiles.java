package se.bidragskoll.ledger;

import java.nio.file.Path;
import se.bidragskoll.judgement.LedgerSource;
import se.bidragskoll.ruleset.RegionDef;
import se.bidragskoll.ruleset.LedgerColumns;

/**
 * A ledger file of either kind the service reads: an SIE 4 file when it was sent as
 * {@code application/x-sie} or its first non-empty line starts with {@code #FLAGGA} (whatever it was
 * sent as), else a CSV export.
 */
public final class LedgerFiles {

    private LedgerFiles() {
    }

    /** Whether to read the file as SIE: said so by {@code sent} (a media type, may be null) or by its content. */
    public static boolean isSie(Path file, String sent) {
        return isSieType(sent) || SieLedgerReader.looksLikeSie(file);
    }

    /** {@code application/x-sie}, with or without parameters. */
    public static boolean isSieType(String mediaType) {
        return mediaType != null && mediaType.strip().toLowerCase(java.util.Locale.ROOT)
                .startsWith(SieLedgerReader.MEDIA_TYPE);
    }

    /**
     * Whether {@code name} names a ledger field an SIE dimension can carry (as a CSV column name does:
     * ansvar or kostnadsställe, verksamhet, objekt or projekt, enhet, åtgärd), for a region's
     * {@code ledger.sie.dimensions}.
     */
    public static boolean isDimensionField(String name) {
        return LedgerColumns.isDimensionField(name);
    }

    /** Reads the whole file, SIE or CSV, the region's way ({@code format} may be null). */
    public static ParsedLedger read(Path file, RegionDef.LedgerFormat format, String sent) {
        return isSie(file, sent) ? SieLedgerReader.read(file, format)
                : LedgerCsvReader.read(file, format == null ? null : format.objectColumn());
    }

    /** The file as a stream, SIE or CSV, the region's way ({@code format} may be null). */
    public static LedgerSource source(Path file, RegionDef.LedgerFormat format, String sent) {
        return isSie(file, sent) ? SieLedgerReader.source(file, format)
                : LedgerCsvReader.source(file, format == null ? null : format.objectColumn());
    }
}
