package se.bidragskoll.api;

/**
 * Number formats the service's spreadsheets share. fastexcel writes a format code into
 * {@code xl/styles.xml} as given, unescaped: a code with double quotes (the usual {@code "kr"})
 * makes the file not well-formed, so literal text is written with backslashes instead.
 */
public final class SheetFormats {

    /** Kronor with two decimals: {@code 1 061,00 kr} in a Swedish Excel. */
    public static final String MONEY = "#,##0.00\\ \\k\\r";
    public static final String DATE = "yyyy-mm-dd";
    public static final String DATE_TIME = "yyyy-mm-dd hh:mm";

    private SheetFormats() {
    }
}
