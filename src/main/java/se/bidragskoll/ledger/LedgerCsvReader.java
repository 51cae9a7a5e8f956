package se.bidragskoll.ledger;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.api.FieldError;
import se.bidragskoll.api.Limits;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.judgement.LedgerSource;
import se.bidragskoll.text.Text;
import se.bidragskoll.ruleset.LedgerColumns;
import se.bidragskoll.ruleset.LedgerColumns.Column;
import se.bidragskoll.api.SwedishDates;
import se.bidragskoll.text.Sha256;

/**
 * Reads a ledger exported from a region's financial system (Raindance, Unit4/Agresso, Visma) as CSV:
 * {@code ;}, {@code ,} or tab separated (detected from the header), decimal comma, space or no-break
 * space as thousands separator, quoted fields, UTF-8 with or without BOM or Windows-1252 (detected
 * from the bytes), Swedish header names in any case with common aliases, and debit and credit in one
 * signed column or two. Streams the file; a file with any bad row is rejected whole with up to 100
 * problems, each naming its row and column.
 */
public final class LedgerCsvReader {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int MAX_PROBLEMS = 100;

    /** The columns a ledger can have. */

    private static final Map<Column, Text> NAMES = new EnumMap<>(Column.class);

    static {
        NAMES.put(Column.VOUCHER, Text.of("verifikation", "voucher"));
        NAMES.put(Column.LINE, Text.of("rad", "line"));
        NAMES.put(Column.DATE, Text.of("bokforingsdatum", "date"));
        NAMES.put(Column.ACCOUNT, Text.of("konto", "account"));
        NAMES.put(Column.OBJECT, Text.of("objekt", "object"));
        NAMES.put(Column.AMOUNT, Text.of("belopp", "amount"));
        NAMES.put(Column.DEBIT, Text.of("debet", "debit"));
        NAMES.put(Column.CREDIT, Text.of("kredit", "credit"));
    }

    private static final Pattern PLAIN_AMOUNT = Pattern.compile("[-+]?\\d+(?:[.,]\\d{1,2})?");
    private static final Pattern DOTTED_THOUSANDS = Pattern.compile("[-+]?\\d{1,3}(?:\\.\\d{3})+,\\d{1,2}");
    private static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private LedgerCsvReader() {
    }

    /**
     * Reads the file. {@code objectColumn} names the header that carries the grant tag when the
     * region's export calls it something else (e.g. {@code projekt}).
     */
    public static ParsedLedger read(Path file, String objectColumn) {
        Format format = format(file, objectColumn);
        List<LedgerLine> lines = new ArrayList<>();
        parse(file, format.charset(), format.separator(), objectColumn, lines::add);
        return new ParsedLedger(lines, format.contentHash(), format.charset(), format.separator());
    }

    /**
     * The file as a {@link LedgerSource} for a ledger too large to hold: its encoding and separator
     * are found now (one pass over the bytes), its lines read on each {@link LedgerSource#forEach},
     * which fails with every bad row (up to 100) once it has read the file.
     */
    public static LedgerSource source(Path file, String objectColumn) {
        Format format = format(file, objectColumn);
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LedgerSource() {
            @Override
            public void forEach(Consumer<LedgerLine> sink) {
                parse(file, format.charset(), format.separator(), objectColumn, sink);
            }

            @Override
            public long expectedLines() {
                // The shortest plausible line (voucher, line, date, account, object, amount) is about 30 bytes.
                return Math.max(1, bytes / 30);
            }
        };
    }

    /** A file's content hash, encoding and separator. */
    record Format(String contentHash, Charset charset, char separator) {
    }

    static Format format(Path file, String objectColumn) {
        try {
            String[] scanned = scan(file);
            Charset charset = Charset.forName(scanned[1]);
            String header;
            try (BufferedReader reader = Files.newBufferedReader(file, charset)) {
                header = reader.readLine();
            }
            if (header == null || header.isBlank()) {
                throw problem(1, null, Text.of("Filen är tom: första raden ska vara rubriker.",
                        "The file is empty: the first line must be the headers."));
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            return new Format(scanned[0], charset, separator(header, objectColumn));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void parse(Path file, Charset charset, char separator, String objectColumn,
                              Consumer<LedgerLine> sink) {
        List<FieldError> problems = new ArrayList<>();
        Codes codes = new Codes();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(separator).quoteCharacter('"')
                .skipEmptyLines(true).ignoreDifferentFieldCount(true).detectBomHeader(true)
                .ofCsvRecord(Files.newBufferedReader(file, charset))) {
            Column[] columns = null;
            int headerFields = 0;
            for (CsvRecord record : csv) {
                int row = (int) record.getStartingLineNumber();
                if (columns == null) {
                    headerFields = record.getFieldCount();
                    columns = columns(record, objectColumn, row);
                    continue;
                }
                if (record.getFieldCount() != headerFields) {
                    problems.add(error(row, null, Text.of(
                            "rad " + row + ": " + record.getFieldCount() + " fält, men rubrikraden har " + headerFields + ".",
                            "row " + row + ": " + record.getFieldCount() + " fields, but the header has " + headerFields + ".")));
                } else {
                    LedgerLine line = line(record, columns, row, problems, codes);
                    if (line != null && problems.isEmpty()) {
                        sink.accept(line);
                    }
                }
                if (problems.size() >= MAX_PROBLEMS) {
                    break;
                }
            }
            if (columns == null) {
                throw problem(1, null, Text.of("Filen saknar rubrikrad.", "The file has no header line."));
            }
        } catch (de.siegmar.fastcsv.reader.CsvParseException e) {
            problems.add(error(0, null, Text.of("Filen går inte att läsa som CSV: " + e.getMessage(),
                    "The file cannot be read as CSV: " + e.getMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
    }

    private static Column[] columns(CsvRecord header, String objectColumn, int row) {
        if (header.getFieldCount() > Limits.MAX_CSV_FIELDS) {
            throw problem(row, null, Text.of("Rubrikraden har " + header.getFieldCount() + " kolumner; högst "
                            + Limits.MAX_CSV_FIELDS + ".",
                    "The header has " + header.getFieldCount() + " columns; at most " + Limits.MAX_CSV_FIELDS + "."));
        }
        Column[] columns = new Column[header.getFieldCount()];
        boolean hasObject = false;
        for (int i = 0; i < columns.length; i++) {
            Column column = column(header.getField(i), objectColumn);
            if (column == Column.OBJECT) {
                hasObject = true;
            }
            columns[i] = column;

        }
        if (!hasObject) {
            // Exports that tag costs with "projekt" instead of "objekt" (when the region has not said otherwise).
            for (int i = 0; i < columns.length; i++) {
                if (columns[i] == null && "projekt".equals(normalise(header.getField(i)))) {
                    columns[i] = Column.OBJECT;
                }
            }
        }
        List<Column> present = new ArrayList<>();
        for (Column c : columns) {
            if (c != null) {
                if (present.contains(c)) {
                    throw problem(row, c.name().toLowerCase(Locale.ROOT), Text.of(
                            "Kolumnen " + NAMES.getOrDefault(c, Text.of(c.name(), c.name())).sv() + " förekommer två gånger.",
                            "The column " + NAMES.getOrDefault(c, Text.of(c.name(), c.name())).en() + " occurs twice."));
                }
                present.add(c);
            }
        }
        List<FieldError> missing = new ArrayList<>();
        for (Column required : new Column[]{Column.VOUCHER, Column.DATE, Column.ACCOUNT, Column.OBJECT}) {
            if (!present.contains(required)) {
                missing.add(error(row, required, Text.of("Kolumnen " + NAMES.get(required).sv() + " saknas i rubrikraden.",
                        "The header has no column " + NAMES.get(required).en() + ".")));
            }
        }
        if (!present.contains(Column.AMOUNT) && !(present.contains(Column.DEBIT) || present.contains(Column.CREDIT))) {
            missing.add(error(row, Column.AMOUNT, Text.of("Kolumnen belopp (eller debet och kredit) saknas i rubrikraden.",
                    "The header has no column amount (or debit and credit).")));
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(missing);
        }
        return columns;
    }

    /**
     * The ledger field a column header (or an SIE dimension's name) names, or {@code null}: Swedish
     * names in any case and without diacritics, with their aliases; {@code objectColumn} (the
     * region's name of the grant tag's column) makes that name the object and the usual
     * {@code objekt} just another column. The fallback of {@code projekt} to the object, when nothing
     * else is, is the caller's: it depends on the other names.
     */
    static Column column(String header, String objectColumn) {
        return LedgerColumns.column(header, objectColumn);
    }

    /** Whether a header names a project, the grant tag when no column is the object. */
    static boolean isProject(String header) {
        return LedgerColumns.isProject(header);
    }

    /** The longest value of a field: what its database column holds. */
    static int maxLength(Column column) {
        return MAX_LENGTH.getOrDefault(column, Limits.MAX_CODE);
    }

    private static LedgerLine line(CsvRecord record, Column[] columns, int row, List<FieldError> problems,
                                   Codes codes) {
        String voucher = null;
        Integer lineNo = null;
        LocalDate date = null;
        String account = null;
        String responsibility = null;
        String activity = null;
        String object = null;
        String unit = null;
        String measure = null;
        BigDecimal amount = null;
        BigDecimal debit = null;
        BigDecimal credit = null;
        String text = null;
        int before = problems.size();
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] == null) {
                continue;
            }
            String raw = record.getField(i).strip();
            if (raw.isEmpty()) {
                continue;
            }
            int max = MAX_LENGTH.getOrDefault(columns[i], Limits.MAX_CODE);
            if (raw.length() > max) {
                problems.add(error(row, columns[i], Text.of(
                        "rad " + row + ", kolumn " + name(columns[i]).sv() + ": texten är " + raw.length()
                                + " tecken; högst " + max + ".",
                        "row " + row + ", column " + name(columns[i]).en() + ": the text is " + raw.length()
                                + " characters; at most " + max + ".")));
                continue;
            }
            switch (columns[i]) {
                case VOUCHER -> voucher = raw;
                case LINE -> {
                    try {
                        lineNo = Integer.valueOf(raw);
                    } catch (NumberFormatException e) {
                        problems.add(value(row, Column.LINE, raw, "är inget radnummer", "is no line number"));
                    }
                }
                case DATE -> {
                    date = date(raw);
                    if (date == null) {
                        problems.add(value(row, Column.DATE, raw, "är inget datum (ÅÅÅÅ-MM-DD)", "is no date (YYYY-MM-DD)"));
                    } else if (!Limits.inRange(date)) {
                        problems.add(value(row, Column.DATE, raw, "ligger utanför " + Limits.MIN_DATE + " – " + Limits.MAX_DATE,
                                "is outside " + Limits.MIN_DATE + " – " + Limits.MAX_DATE));
                    }
                }
                case ACCOUNT -> account = codes.of(raw);
                case RESPONSIBILITY -> responsibility = codes.of(raw);
                case ACTIVITY -> activity = codes.of(raw);
                case OBJECT -> object = codes.of(raw);
                case UNIT -> unit = codes.of(raw);
                case MEASURE -> measure = codes.of(raw);
                case AMOUNT -> amount = amount(raw, row, Column.AMOUNT, problems);
                case DEBIT -> debit = amount(raw, row, Column.DEBIT, problems);
                case CREDIT -> credit = amount(raw, row, Column.CREDIT, problems);
                case TEXT -> text = raw;
                default -> {
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        if (amount == null && (debit != null || credit != null)) {
            amount = (debit == null ? BigDecimal.ZERO : debit).subtract(credit == null ? BigDecimal.ZERO : credit);
        }
        return new LedgerLine(voucher, lineNo, date, account, responsibility, activity, object, unit, measure,
                amount == null ? null : amount.setScale(2), text, row);
    }

    /** {@code 48 650,00}, {@code -3 210,4}, {@code 12.345,60}, {@code 1234.5}: at most two decimals. */
    static BigDecimal parseAmount(String raw) {
        BigDecimal fast = plainAmount(raw);
        if (fast != null) {
            return fast;
        }
        String s = raw.replace("\u00A0", "").replace("\u202F", "").replace(" ", "").replace('\u2212', '-');
        if (DOTTED_THOUSANDS.matcher(s).matches()) {
            s = s.replace(".", "");
        }
        if (!PLAIN_AMOUNT.matcher(s).matches()) {
            return null;
        }
        return new BigDecimal(s.replace(',', '.'));
    }

    private static BigDecimal amount(String raw, int row, Column column, List<FieldError> problems) {
        BigDecimal amount = parseAmount(raw);
        if (amount == null) {
            problems.add(value(row, column, raw, "är inget belopp", "is no amount"));
        } else if (!Limits.inRange(amount)) {
            problems.add(value(row, column, raw, "är för stort: högst " + Limits.MAX_AMOUNT.toPlainString() + " kr",
                    "is too large: at most " + Limits.MAX_AMOUNT.toPlainString() + " kronor"));
            return null;
        }
        return amount;
    }

    /** The longest value of a column: what its database column holds. */
    private static final Map<Column, Integer> MAX_LENGTH = new EnumMap<>(Map.of(
            Column.VOUCHER, 100, Column.ACCOUNT, 40, Column.RESPONSIBILITY, 40, Column.ACTIVITY, 40,
            Column.OBJECT, 40, Column.UNIT, 60, Column.MEASURE, 60, Column.TEXT, 1000));

    private static Text name(Column column) {
        String plain = column.name().toLowerCase(Locale.ROOT);
        return NAMES.getOrDefault(column, Text.of(plain, plain));
    }

    /**
     * The common case without regular expressions: digits with optional sign, space or no-break
     * space groups and one decimal comma or point with one or two decimals. Anything else goes the
     * careful way (and may still be an amount, or an error).
     */
    private static BigDecimal plainAmount(String raw) {
        return Amounts.plain(raw, true);
    }

    /** A plain ISO date the quick way ({@link SwedishDates#isoDay}); any other form the careful way. */
    private static LocalDate date(String raw) {
        LocalDate day = SwedishDates.isoDay(raw);
        return day != null ? day : parseDate(raw);
    }

    private static LocalDate parseDate(String raw) {
        try {
            // The same reading of dates as a dossier's: an instant is its day in Swedish time.
            return raw.length() == 8 ? LocalDate.parse(raw, COMPACT_DATE) : SwedishDates.parse(raw);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The separator that makes the most known column names out of the header; ambiguity is an error. */
    static char separator(String header, String objectColumn) {
        char best = 0;
        int bestScore = 0;
        boolean tie = false;
        for (char candidate : new char[]{';', '\t', ','}) {
            int score = 0;
            for (String name : header.split(Pattern.quote(String.valueOf(candidate)), -1)) {
                String n = normalise(name.replace("\"", ""));
                if (LedgerColumns.column(n, null) != null || "projekt".equals(n) || (objectColumn != null && normalise(objectColumn).equals(n))) {
                    score++;
                }
            }
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
                tie = false;
            } else if (score == bestScore && score > 0) {
                tie = true;
            }
        }
        if (bestScore < 2 || tie) {
            throw problem(1, null, Text.of(
                    "Rubrikraden går inte att dela upp entydigt med ; , eller tabb: " + abbreviate(header),
                    "The header line cannot be split unambiguously by ; , or tab: " + abbreviate(header)));
        }
        return best;
    }

    static String normalise(String name) {
        return LedgerColumns.normalise(name);
    }

    /**
     * One pass over the bytes: the content hash, and the encoding: UTF-8 (with or without BOM) when
     * every byte sequence is valid UTF-8, else Windows-1252.
     */
    static String[] scan(Path file) throws IOException {
        MessageDigest digest;
        digest = Sha256.digest();
        byte[] buffer = new byte[1 << 16];
        Utf8Check utf8Check = new Utf8Check();
        long line = 1;
        long lineBytes = 0;
        long notWindows1252 = 0;
        try (InputStream stream = Files.newInputStream(file)) {
            int n;
            while ((n = stream.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    int b = buffer[i] & 0xFF;
                    utf8Check.accept(b);
                    if (b == '\n') {
                        line++;
                        lineBytes = 0;
                        continue;
                    }
                    if (++lineBytes > Limits.MAX_CSV_LINE_BYTES) {
                        throw problem(line, null, Text.of("Raden är längre än " + Limits.MAX_CSV_LINE_BYTES
                                        + " byte: är det verkligen en CSV-fil med en kontering per rad?",
                                "The line is longer than " + Limits.MAX_CSV_LINE_BYTES
                                        + " bytes: is this really a CSV file with one posting per line?"));
                    }
                    if (b < 0x20 && b != '\t' && b != '\r' || b == 0x7F) {
                        throw problem(line, null, Text.of("Filen innehåller ett styrtecken (byte 0x"
                                        + HexFormat.of().toHexDigits((byte) b) + "): det är ingen textfil.",
                                "The file holds a control character (byte 0x" + HexFormat.of().toHexDigits((byte) b)
                                        + "): it is not a text file."));
                    }
                    if (notWindows1252 == 0 && (b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D)) {
                        notWindows1252 = line;
                    }
                }
                digest.update(buffer, 0, n);
            }
        }
        boolean utf8 = utf8Check.valid();
        if (!utf8 && notWindows1252 > 0) {
            // Neither UTF-8 nor Windows-1252 (which has no character for 0x81, 0x8D, 0x8F, 0x90, 0x9D).
            throw problem(notWindows1252, null, Text.of(
                    "Filen är varken UTF-8 eller Windows-1252: raden har en byte som ingen av dem har ett tecken för.",
                    "The file is neither UTF-8 nor Windows-1252: the line has a byte neither has a character for."));
        }
        return new String[]{"sha256:" + HexFormat.of().formatHex(digest.digest()),
                utf8 ? StandardCharsets.UTF_8.name() : WINDOWS_1252.name()};
    }

    private static FieldError value(int row, Column column, String raw, String sv, String en) {
        Text name = NAMES.getOrDefault(column, Text.of(column.name().toLowerCase(Locale.ROOT), column.name().toLowerCase(Locale.ROOT)));
        return new FieldError("rad " + row + ", kolumn " + name.sv(), Text.of(
                "rad " + row + ", kolumn " + name.sv() + ": \"" + raw + "\" " + sv,
                "row " + row + ", column " + name.en() + ": \"" + raw + "\" " + en));
    }

    private static FieldError error(int row, Column column, Text message) {
        String field = column == null ? "rad " + row
                : "rad " + row + ", kolumn " + NAMES.getOrDefault(column, Text.of(column.name(), column.name())).sv();
        return new FieldError(field, message);
    }

    private static BadInputException problem(long row, String column, Text message) {
        return new BadInputException(List.of(new FieldError(column == null ? "rad " + row
                : "rad " + row + ", kolumn " + column, message)));
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
