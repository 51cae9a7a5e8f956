package se.bidragskoll.ruleset;

import java.text.Normalizer;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The names a region's ledger may give its columns and SIE dimensions (ansvar or kostnadsställe,
 * verksamhet, objekt or projekt, enhet, åtgärd …), with the field each names: the vocabulary of a
 * region's {@code ledger} settings, which the rule set checks and the ledger readers read by.
 */
public final class LedgerColumns {

    /** A ledger line's field. */
    public enum Column { VOUCHER, LINE, DATE, ACCOUNT, RESPONSIBILITY, ACTIVITY, OBJECT, UNIT, MEASURE, AMOUNT, DEBIT, CREDIT, TEXT }

    private static final Map<String, Column> ALIASES = new HashMap<>();

    static {
        alias(Column.VOUCHER, "verifikation", "verifikationsnummer", "verifikationsnr", "vernr", "ver nr", "ver.nr",
                "verifikat", "voucher");
        alias(Column.LINE, "rad", "radnummer", "radnr", "rad nr", "line");
        alias(Column.DATE, "bokforingsdatum", "bokfdatum", "bokf datum", "datum", "transaktionsdatum", "date");
        alias(Column.ACCOUNT, "konto", "kontonummer", "account");
        alias(Column.RESPONSIBILITY, "ansvar", "ansvarsnummer", "kostnadsstalle", "responsibility");
        alias(Column.ACTIVITY, "verksamhet", "activity");
        alias(Column.OBJECT, "objekt", "object");
        alias(Column.UNIT, "enhet", "forvaltning", "unit");
        alias(Column.MEASURE, "atgard", "atgardsid", "measure");
        alias(Column.AMOUNT, "belopp", "summa", "amount");
        alias(Column.DEBIT, "debet", "debit");
        alias(Column.CREDIT, "kredit", "credit");
        alias(Column.TEXT, "text", "beskrivning", "verifikationstext", "description");
    }


    private static void alias(Column column, String... names) {
        for (String name : names) {
            ALIASES.put(name, column);
        }
    }

    private LedgerColumns() {
    }

    /** The field a column header names, or null; {@code objectColumn} is the region's grant tag column, if any. */
    public static Column column(String header, String objectColumn) {
        String name = normalise(header);
        Column column = ALIASES.get(name);
        if (objectColumn != null) {
            // The region says which column carries the grant tag; the usual "objekt" is then just another column.
            column = normalise(objectColumn).equals(name) ? Column.OBJECT : column == Column.OBJECT ? null : column;
        }
        return column;
    }

    /** Whether a header names a project, the grant tag when no column is the object. */
    public static boolean isProject(String header) {
        return "projekt".equals(normalise(header));
    }

    /**
     * Whether {@code name} names a ledger field an SIE dimension can carry (as a CSV column name does:
     * ansvar or kostnadsställe, verksamhet, objekt or projekt, enhet, åtgärd), for a region's
     * {@code ledger.sie.dimensions}.
     */
    public static boolean isDimensionField(String name) {
        Column column = column(name, null);
        return isProject(name) || column != null && EnumSet.of(Column.RESPONSIBILITY, Column.ACTIVITY, Column.OBJECT,
                Column.UNIT, Column.MEASURE).contains(column);
    }

    /** A header as compared: lower case, no accents, no BOM, one space for runs of space, '_' and '-'. */
    public static String normalise(String name) {
        String n = Normalizer.normalize(name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        return n.replace('_', ' ').replace('-', ' ').replaceAll("\\s+", " ");
    }
}
