package se.bidragskoll.ledger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.api.FieldError;
import se.bidragskoll.api.Limits;
import se.bidragskoll.judgement.LedgerSource;
import se.bidragskoll.ruleset.LedgerColumns.Column;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.model.UnbalancedVoucher;
import se.bidragskoll.model.VoucherBalance;
import se.bidragskoll.ruleset.RegionDef;
import se.bidragskoll.text.Text;
import se.bidragskoll.text.Sha256;

/**
 * Reads a ledger as Swedish financial systems export it: an SIE 4 file (type 4E or 4I), the
 * vouchers ({@code #VER}) and their rows. Streamed, one line at a time, bounded like the CSV reader
 * ({@link Limits#MAX_CSV_LINE_BYTES} per line, {@link Limits#MAX_CSV_FIELDS} fields per line and
 * items per object list, the same longest code, text and amount); a file with any bad line is
 * rejected whole with up to 100 problems, each naming its line (1-based) and item.
 *
 * <p><b>Encoding.</b> {@code #FORMAT PC8} means IBM code page 437. Without it, SIE's own default is
 * also PC8, but many programs write UTF-8 today: Bidragskoll reads the file as UTF-8 when every byte
 * sequence in it is valid UTF-8 and {@code #FORMAT} does not say PC8, and as IBM 437 otherwise. (A
 * PC8 file with Swedish letters is never valid UTF-8: å, ä, ö are single bytes above 0x7F.)
 *
 * <p><b>Vouchers.</b> A voucher is named {@code serie vernr} ({@code A 104233}), or {@code vernr}
 * without a series; without a number (SIE 4I may leave it out) its lines have no voucher.
 *
 * <p><b>Which rows are ledger lines.</b> The rows of a voucher as it stands after its corrections:
 * {@code #TRANS} and {@code #RTRANS} (a row added afterwards, counted once: the plain {@code #TRANS}
 * that SIE repeats right after it for older readers is skipped), never {@code #BTRANS} (a row removed
 * afterwards). Of those, only rows on result accounts: a row on a balance-sheet account (BAS and
 * Kommun-BAS classes 1 and 2, the account number starts with 1 or 2) balances the voucher and is no
 * cost. A row's date is its own {@code transdat}, else its voucher's date; its text its own
 * {@code transtext}, else the voucher's. Its line number is its place among the voucher's counted
 * rows (balance-sheet rows included), so {@code A 104233/2} is the voucher's second row.
 *
 * <p><b>Dimensions.</b> A row's object list ({@code {1 "31240" 20 "9916"}}) gives the line its
 * ledger fields by dimension number: first by the region's own {@code ledger.sie.dimensions}, then by
 * the {@code #DIM}/{@code #UNDERDIM} names, read as a CSV file's column names are (ansvar or
 * kostnadsställe, verksamhet, objekt, enhet, åtgärd; projekt is the object when no dimension is).
 * Bidragskoll's reading of SIE's standard numbers, used only for a number the file does not name:
 * 1 (kostnadsställe/resultatenhet) is {@code ansvar}, 6 (projekt) is the object when no other
 * dimension is. Other dimensions are ignored. A file in which no dimension is the object is refused
 * as a CSV file without the column is; a row without the object (or another field) has none, as a
 * CSV row with an empty cell.
 *
 * <p><b>Balance.</b> A voucher whose counted rows do not add up to zero (to the öre) is not refused:
 * it is reported in {@link VoucherBalance} (the report's DATA-LEDGER-VOUCHER-BALANCE, a warning).
 *
 * <p><b>Memory.</b> Rows are read and given to the sink one at a time; of a voucher only its running
 * sum, its row count and the last {@code #RTRANS} (to skip its repetition) are kept, so a voucher of a
 * million rows costs what a million one-row vouchers do. The scan refuses a line past
 * {@link Limits#MAX_CSV_LINE_BYTES} as it counts its bytes, before any line is read as text;
 * {@code #DIM}/{@code #UNDERDIM} are at most {@link Limits#MAX_SIE_DIMENSIONS}, their names at most
 * {@link Limits#MAX_CODE} characters; {@code #OBJEKT}, {@code #KONTO} and the other items the reader
 * does not use are skipped without being kept. Each limit is named in the problem of its line.
 */
public final class SieLedgerReader {

    /** The media type of SIE files. */
    public static final String MEDIA_TYPE = "application/x-sie";
    /** IBM code page 437: SIE's PC8. */
    static final Charset PC8 = Charset.forName("IBM437");
    private static final int MAX_PROBLEMS = 100;
    /** The highest dimension number read (SIE's own go to 19, a region's seldom past 100). */
    static final int MAX_DIMENSION = 9999;
    /** Unbalanced vouchers kept for the report; more are counted only. */
    static final int MAX_UNBALANCED = 1_000;

    private SieLedgerReader() {
    }


    /** Whether the file's first non-empty line starts with {@code #FLAGGA}: an SIE file, whatever it was sent as. */
    public static boolean looksLikeSie(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4096);
            int i = 0;
            if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
                i = 3;
            }
            while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
                i++;
            }
            byte[] flag = "#FLAGGA".getBytes(StandardCharsets.US_ASCII);
            if (head.length - i < flag.length) {
                return false;
            }
            for (int k = 0; k < flag.length; k++) {
                if (head[i + k] != flag[k]) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the whole file. */
    public static ParsedLedger read(Path file, RegionDef.LedgerFormat format) {
        Scan scan = scan(file);
        List<LedgerLine> lines = new ArrayList<>();
        VoucherBalance balance = parse(file, scan.charset(), format, lines::add);
        return new ParsedLedger(lines, scan.contentHash(), scan.charset(), ' ', ParsedLedger.SIE, balance);
    }

    /**
     * The file as a {@link LedgerSource} for a ledger too large to hold: its encoding is found now
     * (one pass over the bytes), its lines read on each {@link LedgerSource#forEach}, which fails with
     * every bad line (up to 100) once it has read the file. {@link Source#voucherBalance()} tells
     * whether the vouchers balance, once a pass has read them.
     */
    public static Source source(Path file, RegionDef.LedgerFormat format) {
        Scan scan = scan(file);
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Source(file, scan.charset(), format, bytes);
    }

    /** An SIE file read as a stream. */
    public static final class Source implements LedgerSource {

        private final Path file;
        private final Charset charset;
        private final RegionDef.LedgerFormat format;
        private final long bytes;
        private volatile VoucherBalance balance;

        Source(Path file, Charset charset, RegionDef.LedgerFormat format, long bytes) {
            this.file = file;
            this.charset = charset;
            this.format = format;
            this.bytes = bytes;
        }

        @Override
        public void forEach(Consumer<LedgerLine> sink) {
            balance = parse(file, charset, format, sink);
        }

        @Override
        public long expectedLines() {
            // The shortest plausible row (#TRANS 4011 {} 1.00) is about 20 bytes.
            return Math.max(1, bytes / 20);
        }

        @Override
        public boolean wholeVouchers() {
            return true;
        }

        /** What the last complete pass found of the vouchers' balance; {@code null} before one. */
        @Override
        public VoucherBalance voucherBalance() {
            return balance;
        }
    }

    /** A file's content hash and encoding. */
    record Scan(String contentHash, Charset charset) {
    }

    /**
     * One pass over the bytes: the content hash, the line length, control characters, whether it is
     * valid UTF-8, and whether {@code #FORMAT} says PC8.
     */
    static Scan scan(Path file) {
        MessageDigest digest;
        digest = Sha256.digest();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] buffer = new byte[1 << 16];
        ByteBuffer in = ByteBuffer.allocate(buffer.length + 8);
        CharBuffer out = CharBuffer.allocate(buffer.length + 8);
        boolean utf8 = true;
        boolean pc8 = false;
        long line = 1;
        long lineBytes = 0;
        byte[] start = new byte[16];
        try (InputStream stream = Files.newInputStream(file)) {
            int n;
            while ((n = stream.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    int b = buffer[i] & 0xFF;
                    if (b == '\n') {
                        if (lineBytes > 7 && startsWith(start, lineBytes, "#FORMAT")) {
                            pc8 |= formatIsPc8(start, lineBytes);
                        }
                        line++;
                        lineBytes = 0;
                        continue;
                    }
                    if (lineBytes < start.length) {
                        start[(int) lineBytes] = (byte) b;
                    }
                    if (++lineBytes > Limits.MAX_CSV_LINE_BYTES) {
                        // counted byte by byte: a 60 MB line is refused at its 65 537th byte, never held
                        throw problem(line, Text.of("Raden är längre än " + Limits.MAX_CSV_LINE_BYTES
                                        + " byte (gränsen för en rad i en huvudboksfil): är det verkligen en SIE-fil"
                                        + " med en post per rad?",
                                "The line is longer than " + Limits.MAX_CSV_LINE_BYTES
                                        + " bytes (the limit of a line of a ledger file): is this really an SIE file"
                                        + " with one item per line?"));
                    }
                    if (b < 0x20 && b != '\t' && b != '\r' || b == 0x7F) {
                        throw problem(line, Text.of("Filen innehåller ett styrtecken (byte 0x"
                                        + HexFormat.of().toHexDigits((byte) b) + "): det är ingen textfil.",
                                "The file holds a control character (byte 0x" + HexFormat.of().toHexDigits((byte) b)
                                        + "): it is not a text file."));
                    }
                }
                digest.update(buffer, 0, n);
                if (utf8) {
                    in.put(buffer, 0, n);
                    in.flip();
                    out.clear();
                    utf8 = !decoder.decode(in, out, false).isError();
                    in.compact();
                }
            }
            if (lineBytes > 7 && startsWith(start, lineBytes, "#FORMAT")) {
                pc8 |= formatIsPc8(start, lineBytes);
            }
            if (utf8) {
                in.flip();
                out.clear();
                utf8 = !decoder.decode(in, out, true).isError() && !decoder.flush(out).isError();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scan("sha256:" + HexFormat.of().formatHex(digest.digest()),
                utf8 && !pc8 ? StandardCharsets.UTF_8 : PC8);
    }

    private static boolean startsWith(byte[] start, long length, String label) {
        int i = 0;
        while (i < length && i < start.length && (start[i] == ' ' || start[i] == '\t')) {
            i++;
        }
        if (length - i < label.length() || i + label.length() > start.length) {
            return false;
        }
        for (int k = 0; k < label.length(); k++) {
            if (start[i + k] != label.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** {@code #FORMAT PC8} (the only value SIE 4 defines), quoted or not. */
    private static boolean formatIsPc8(byte[] start, long length) {
        String head = new String(start, 0, (int) Math.min(length, start.length), StandardCharsets.ISO_8859_1);
        return head.strip().substring("#FORMAT".length()).replace("\"", "").strip().toUpperCase(Locale.ROOT)
                .startsWith("PC8");
    }

    // ------------------------------------------------------------------ parsing

    /** The fields of a ledger line that a dimension can carry. */
    private static final List<Column> DIMENSION_FIELDS = List.of(Column.RESPONSIBILITY, Column.ACTIVITY, Column.OBJECT,
            Column.UNIT, Column.MEASURE);

    /** The name of a ledger field in messages, Swedish and English. */
    private static Text fieldName(Column column) {
        return switch (column) {
            case RESPONSIBILITY -> Text.of("ansvar", "responsibility");
            case ACTIVITY -> Text.of("verksamhet", "activity");
            case OBJECT -> Text.of("objekt", "object");
            case UNIT -> Text.of("enhet", "unit");
            case MEASURE -> Text.of("åtgärd", "measure");
            default -> Text.of(column.name().toLowerCase(Locale.ROOT), column.name().toLowerCase(Locale.ROOT));
        };
    }

    /** One pass: every counted row on a result account to {@code sink}, unless a line is bad. */
    static VoucherBalance parse(Path file, Charset charset, RegionDef.LedgerFormat format, Consumer<LedgerLine> sink) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder),
                1 << 16)) {
            Parser parser = new Parser(format, sink);
            parser.run(reader);
            if (!parser.problems.isEmpty()) {
                throw new BadInputException(parser.problems);
            }
            return new VoucherBalance(parser.vouchers, List.copyOf(parser.unbalanced), parser.unbalancedCount);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw problem(0, Text.of("Filen går inte att läsa som " + charset.name() + ".",
                    "The file cannot be read as " + charset.name() + "."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state of one pass over a file. */
    private static final class Parser {

        private final RegionDef.LedgerFormat format;
        private final Consumer<LedgerLine> sink;
        final List<FieldError> problems = new ArrayList<>();
        final List<UnbalancedVoucher> unbalanced = new ArrayList<>();
        int unbalancedCount;
        int vouchers;
        private final Codes codes = new Codes();
        private final Map<String, LocalDate> dates = new HashMap<>();
        private final Tokens tokens = new Tokens();

        /** Dimension names from #DIM and #UNDERDIM, and their lines. */
        private final Map<Integer, String> dimensionNames = new TreeMap<>();
        private final Map<Integer, Integer> dimensionLines = new HashMap<>();
        /** Dimension number → ledger field; fixed at the first #VER. */
        private Column[] byDimension;
        /** Past {@link Limits#MAX_SIE_DIMENSIONS}: said once, the rest ignored. */
        private boolean tooManyDimensions;

        private int row;
        private boolean afterVer;
        private boolean inVoucher;
        private String voucher;
        private LocalDate voucherDate;
        private String voucherText;
        private int voucherRow;
        private long voucherSum;
        private int voucherLines;
        private boolean voucherBad;
        /** The #RTRANS just read, whose repetition as a plain #TRANS is skipped. */
        private String pendingAdded;

        Parser(RegionDef.LedgerFormat format, Consumer<LedgerLine> sink) {
            this.format = format;
            this.sink = sink;
        }

        void run(BufferedReader reader) throws IOException {
            String raw;
            boolean first = true;
            while ((raw = reader.readLine()) != null) {
                if (row == Integer.MAX_VALUE) {
                    add(row, Text.of("Filen har fler än " + Integer.MAX_VALUE + " rader.",
                            "The file has more than " + Integer.MAX_VALUE + " lines."));
                    return;
                }
                row++;
                String line = first && raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
                int from = 0;
                int to = line.length();
                while (from < to && isBlank(line.charAt(from))) {
                    from++;
                }
                while (to > from && isBlank(line.charAt(to - 1))) {
                    to--;
                }
                if (from == to) {
                    continue;
                }
                if (first) {
                    first = false;
                    if (!line.startsWith("#FLAGGA", from)) {
                        add(row, Text.of("En SIE-fil börjar med #FLAGGA; den här raden gör det inte.",
                                "An SIE file starts with #FLAGGA; this line does not."));
                        return;
                    }
                }
                line(line, from, to);
                if (problems.size() >= MAX_PROBLEMS) {
                    return;
                }
            }
            if (afterVer || inVoucher) {
                add(voucherRow, Text.of("Verifikationen " + name(voucher) + " avslutas aldrig med }.",
                        "The voucher " + name(voucher) + " is never closed with }."));
            }
        }

        /** The label, upper case; the common ones without a copy. */
        private static String label(String line, int from, int end) {
            int length = end - from;
            if (length == 6 && line.startsWith("#TRANS", from)) {
                return "#TRANS";
            }
            if (length == 7 && line.startsWith("#RTRANS", from)) {
                return "#RTRANS";
            }
            if (length == 7 && line.startsWith("#BTRANS", from)) {
                return "#BTRANS";
            }
            if (length == 4 && line.startsWith("#VER", from)) {
                return "#VER";
            }
            return line.substring(from, end).toUpperCase(Locale.ROOT);
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t' || c == '\r';
        }

        private void line(String line, int from, int to) {
            char c = line.charAt(from);
            if (to - from == 1 && c == '{') {
                if (!afterVer) {
                    add(row, Text.of("{ utan #VER före.", "{ without #VER before it."));
                    return;
                }
                afterVer = false;
                inVoucher = true;
                return;
            }
            if (to - from == 1 && c == '}') {
                if (!inVoucher) {
                    add(row, Text.of("} utan verifikation att avsluta.", "} without a voucher to close."));
                    return;
                }
                closeVoucher();
                return;
            }
            if (c != '#') {
                add(row, Text.of("Raden börjar inte med # (en post), { eller }.",
                        "The line does not start with # (an item), { or }."));
                return;
            }
            int end = from;
            while (end < to && !isBlank(line.charAt(end)) && line.charAt(end) != '{' && line.charAt(end) != '"') {
                end++;
            }
            String label = label(line, from, end);
            if (afterVer) {
                add(voucherRow, Text.of("#VER ska följas av { på en egen rad.",
                        "#VER must be followed by { on a line of its own."));
                afterVer = false;
            }
            boolean row = label.equals("#TRANS") || label.equals("#RTRANS") || label.equals("#BTRANS");
            if (inVoucher && !row) {
                add(this.row, Text.of(label + " inne i en verifikation: där hör bara #TRANS, #RTRANS och #BTRANS hemma"
                                + " (saknas } efter " + name(voucher) + "?).",
                        label + " inside a voucher: only #TRANS, #RTRANS and #BTRANS belong there (is } missing after "
                                + name(voucher) + "?)."));
                return;
            }
            switch (label) {
                case "#TRANS", "#RTRANS", "#BTRANS" -> {
                    if (!inVoucher) {
                        add(this.row, Text.of(label + " utanför en verifikation (#VER … { … }).",
                                label + " outside a voucher (#VER … { … })."));
                        return;
                    }
                    if (tokenize(line, end, to, label)) {
                        transaction(label);
                    }
                }
                case "#VER" -> {
                    if (tokenize(line, end, to, label)) {
                        voucher();
                    }
                }
                case "#DIM", "#UNDERDIM" -> {
                    if (tokenize(line, end, to, label)) {
                        dimension(label);
                    }
                }
                case "#SIETYP" -> {
                    if (tokenize(line, end, to, label)) {
                        String type = tokens.count() > 0 ? tokens.get(0) : "";
                        if (!type.equals("4")) {
                            add(this.row, Text.of("#SIETYP " + type + ": Bidragskoll läser SIE typ 4 (4E eller 4I),"
                                            + " som har verifikationerna.",
                                    "#SIETYP " + type + ": Bidragskoll reads SIE type 4 (4E or 4I), which has the vouchers."));
                        }
                    }
                }
                default -> {
                    // #FLAGGA, #FORMAT (read by the scan), #PROGRAM, #RAR, #KONTO, #OBJEKT, … and labels SIE may add:
                    // a reader ignores the items it does not use.
                }
            }
        }

        private boolean tokenize(String line, int from, int to, String label) {
            String error = tokens.read(line, from, to);
            if (error != null) {
                add(row, Text.of(label + ": " + error.split("\\|")[0], label + ": " + error.split("\\|")[1]));
                return false;
            }
            return true;
        }

        private void voucher() {
            if (tokens.objects() >= 0) {
                add(row, Text.of("#VER har ingen objektlista.", "#VER has no object list."));
            }
            if (byDimension == null) {
                byDimension = dimensions();
            }
            vouchers++;
            String series = tokens.count() > 0 ? tokens.get(0) : "";
            String number = tokens.count() > 1 ? tokens.get(1) : "";
            // Without a number (an SIE 4I file may leave it to the importing system) the voucher has no
            // identity of its own: its lines have no voucher, as a CSV row with an empty cell.
            voucher = number.isEmpty() ? null : series.isEmpty() ? number : series + " " + number;
            voucherRow = row;
            voucherSum = 0;
            voucherLines = 0;
            voucherBad = false;
            voucherText = tokens.count() > 3 && !tokens.get(3).isEmpty() ? tokens.get(3) : null;
            afterVer = true;
            int before = problems.size();
            if (voucher != null && voucher.length() > LedgerCsvReader.maxLength(Column.VOUCHER)) {
                add(row, Text.of("#VER verifikation: " + voucher.length() + " tecken; högst "
                                + LedgerCsvReader.maxLength(Column.VOUCHER) + ".",
                        "#VER voucher: " + voucher.length() + " characters; at most "
                                + LedgerCsvReader.maxLength(Column.VOUCHER) + "."));
            }
            if (voucherText != null && voucherText.length() > LedgerCsvReader.maxLength(Column.TEXT)) {
                add(row, Text.of("#VER vertext: " + voucherText.length() + " tecken; högst "
                                + LedgerCsvReader.maxLength(Column.TEXT) + ".",
                        "#VER text: " + voucherText.length() + " characters; at most "
                                + LedgerCsvReader.maxLength(Column.TEXT) + "."));
            }
            String date = tokens.count() > 2 ? tokens.get(2) : "";
            voucherDate = null;
            if (date.isEmpty()) {
                add(row, Text.of("#VER " + name(voucher) + " saknar verdatum.", "#VER " + name(voucher) + " has no date."));
            } else {
                voucherDate = date(date, "#VER verdatum", "#VER date");
            }
            voucherBad = problems.size() > before;
        }

        private void transaction(String label) {
            boolean added = label.equals("#RTRANS");
            boolean removed = label.equals("#BTRANS");
            int before = problems.size();
            if (tokens.objects() != 1) {
                add(row, Text.of(label + ": objektlistan saknas efter kontot (skriv {} för en rad utan objekt).",
                        label + ": the object list is missing after the account (write {} for a row without objects)."));
                return;
            }
            String account = tokens.count() > 0 ? tokens.get(0) : "";
            if (account.isEmpty()) {
                add(row, Text.of(label + ": kontonr saknas.", label + ": the account is missing."));
            } else if (account.length() > LedgerCsvReader.maxLength(Column.ACCOUNT)) {
                add(row, Text.of(label + " kontonr: " + account.length() + " tecken; högst "
                                + LedgerCsvReader.maxLength(Column.ACCOUNT) + ".",
                        label + " account: " + account.length() + " characters; at most "
                                + LedgerCsvReader.maxLength(Column.ACCOUNT) + "."));
            }
            String[] fields = new String[Column.values().length];
            int pairs = tokens.objectCount();
            if (pairs % 2 != 0) {
                add(row, Text.of(label + " objektlista: " + pairs + " värden; den ska ha par av dimension och objekt.",
                        label + " object list: " + pairs + " values; it must hold pairs of dimension and object."));
            } else {
                for (int i = 0; i < pairs; i += 2) {
                    String dim = tokens.object(i);
                    String id = tokens.object(i + 1);
                    int number = dimensionNumber(dim);
                    if (number < 0) {
                        add(row, Text.of(label + " objektlista: \"" + dim + "\" är inget dimensionsnummer.",
                                label + " object list: \"" + dim + "\" is no dimension number."));
                        continue;
                    }
                    Column field = number < byDimension.length ? byDimension[number] : null;
                    if (field == null || id.isEmpty()) {
                        continue;
                    }
                    if (id.length() > LedgerCsvReader.maxLength(field)) {
                        add(row, Text.of(label + " objektlista, dimension " + number + " (" + fieldName(field).sv()
                                        + "): " + id.length() + " tecken; högst " + LedgerCsvReader.maxLength(field) + ".",
                                label + " object list, dimension " + number + " (" + fieldName(field).en() + "): "
                                        + id.length() + " characters; at most " + LedgerCsvReader.maxLength(field) + "."));
                    } else if (fields[field.ordinal()] != null && !fields[field.ordinal()].equals(id)) {
                        add(row, Text.of(label + " objektlista: dimension " + number + " förekommer två gånger.",
                                label + " object list: dimension " + number + " occurs twice."));
                    } else {
                        fields[field.ordinal()] = codes.of(id);
                    }
                }
            }
            String rawAmount = tokens.count() > 1 ? tokens.get(1) : "";
            BigDecimal amount = null;
            if (rawAmount.isEmpty()) {
                add(row, Text.of(label + ": belopp saknas.", label + ": the amount is missing."));
            } else {
                amount = amount(rawAmount);
                if (amount == null) {
                    add(row, Text.of(label + " belopp: \"" + rawAmount + "\" är inget belopp (t.ex. -1234.50).",
                            label + " amount: \"" + rawAmount + "\" is no amount (e.g. -1234.50)."));
                } else if (!Limits.inRange(amount)) {
                    add(row, Text.of(label + " belopp: \"" + rawAmount + "\" är för stort: högst "
                                    + Limits.MAX_AMOUNT.toPlainString() + " kr.",
                            label + " amount: \"" + rawAmount + "\" is too large: at most "
                                    + Limits.MAX_AMOUNT.toPlainString() + " kronor."));
                    amount = null;
                } else {
                    amount = amount.setScale(2);
                }
            }
            String rawDate = tokens.count() > 2 ? tokens.get(2) : "";
            LocalDate date = rawDate.isEmpty() ? voucherDate : date(rawDate, label + " transdat", label + " date");
            String text = tokens.count() > 3 && !tokens.get(3).isEmpty() ? tokens.get(3) : voucherText;
            if (text != null && text.length() > LedgerCsvReader.maxLength(Column.TEXT)) {
                add(row, Text.of(label + " transtext: " + text.length() + " tecken; högst "
                                + LedgerCsvReader.maxLength(Column.TEXT) + ".",
                        label + " text: " + text.length() + " characters; at most "
                                + LedgerCsvReader.maxLength(Column.TEXT) + "."));
            }
            if (problems.size() > before || voucherBad) {
                pendingAdded = null;
                return;
            }
            if (removed) {
                // A row removed afterwards: history, not a cost.
                pendingAdded = null;
                return;
            }
            if (added || pendingAdded != null) {
                String signature = account + '\u0000' + tokens.objectText() + '\u0000' + amount.toPlainString()
                        + '\u0000' + date;
                if (!added && pendingAdded.equals(signature)) {
                    // SIE repeats an added row as a plain #TRANS right after its #RTRANS, for readers that know no #RTRANS.
                    pendingAdded = null;
                    return;
                }
                pendingAdded = added ? signature : null;
            }
            voucherLines++;
            try {
                voucherSum = Math.addExact(voucherSum, amount.unscaledValue().longValue());
            } catch (ArithmeticException e) {
                voucherSum = Long.MAX_VALUE;
            }
            char classDigit = account.charAt(0);
            if (classDigit == '1' || classDigit == '2') {
                // A balance-sheet account (BAS and Kommun-BAS classes 1 and 2): it balances the voucher, it is no cost.
                return;
            }
            if (problems.isEmpty()) {
                sink.accept(new LedgerLine(voucher, voucherLines, date, codes.of(account),
                        fields[Column.RESPONSIBILITY.ordinal()], fields[Column.ACTIVITY.ordinal()],
                        fields[Column.OBJECT.ordinal()], fields[Column.UNIT.ordinal()], fields[Column.MEASURE.ordinal()],
                        amount, text, row));
            }
        }

        private void closeVoucher() {
            inVoucher = false;
            pendingAdded = null;
            if (!voucherBad && (voucherSum == Long.MAX_VALUE
                    || !Limits.inRange(BigDecimal.valueOf(voucherSum, 2)))) {
                add(voucherRow, Text.of("Verifikationen " + name(voucher) + " summerar till mer än "
                                + Limits.MAX_AMOUNT.toPlainString() + " kr (plus eller minus).",
                        "The voucher " + name(voucher) + " adds up to more than " + Limits.MAX_AMOUNT.toPlainString()
                                + " kronor (either sign)."));
            } else if (!voucherBad && voucherSum != 0) {
                unbalancedCount++;
                if (unbalanced.size() < MAX_UNBALANCED) {
                    unbalanced.add(new UnbalancedVoucher(voucher, BigDecimal.valueOf(voucherSum, 2), voucherRow));
                }
            }
        }

        private void dimension(String label) {
            if (tooManyDimensions) {
                return; // said once
            }
            if (byDimension != null) {
                add(row, Text.of(label + " efter den första #VER: dimensionerna ska stå före verifikationerna.",
                        label + " after the first #VER: the dimensions must come before the vouchers."));
                return;
            }
            String rawNumber = tokens.count() > 0 ? tokens.get(0) : "";
            int number = dimensionNumber(rawNumber);
            if (number < 0) {
                add(row, Text.of(label + ": \"" + rawNumber + "\" är inget dimensionsnummer.",
                        label + ": \"" + rawNumber + "\" is no dimension number."));
                return;
            }
            String name = tokens.count() > 1 ? tokens.get(1) : "";
            if (name.length() > Limits.MAX_CODE) {
                add(row, Text.of(label + " " + number + " namn: " + name.length() + " tecken; högst " + Limits.MAX_CODE
                                + " (gränsen för ett namn).",
                        label + " " + number + " name: " + name.length() + " characters; at most " + Limits.MAX_CODE
                                + " (the limit of a name)."));
                return;
            }
            if (dimensionNames.size() >= Limits.MAX_SIE_DIMENSIONS) {
                add(row, Text.of("Filen har fler än " + Limits.MAX_SIE_DIMENSIONS + " #DIM och #UNDERDIM (gränsen för"
                                + " dimensioner i en SIE-fil).",
                        "The file has more than " + Limits.MAX_SIE_DIMENSIONS + " #DIM and #UNDERDIM (the limit of"
                                + " dimensions in an SIE file)."));
                tooManyDimensions = true;
                return;
            }
            if (dimensionNames.containsKey(number)) {
                add(row, Text.of(label + " " + number + " finns redan (rad " + dimensionLines.get(number) + ").",
                        label + " " + number + " is already defined (line " + dimensionLines.get(number) + ")."));
                return;
            }
            dimensionNames.put(number, name);
            dimensionLines.put(number, row);
        }

        /**
         * Dimension number → ledger field: the region's own numbers, then the #DIM names, then
         * {@code projekt} as the object when no dimension is, then Bidragskoll's reading of SIE's
         * standard numbers for numbers the file does not name. Two dimensions for one field is an error.
         */
        private Column[] dimensions() {
            Map<Integer, Column> map = new HashMap<>();
            Map<Column, Integer> taken = new EnumMap<>(Column.class);
            java.util.Set<Column> explicit = java.util.EnumSet.noneOf(Column.class);
            String objectColumn = format == null ? null : format.objectColumn();
            if (format != null && format.sie() != null && format.sie().dimensions() != null) {
                for (Map.Entry<String, Integer> e : format.sie().dimensions().entrySet()) {
                    Column field = LedgerCsvReader.isProject(e.getKey()) ? Column.OBJECT
                            : LedgerCsvReader.column(e.getKey(), null);
                    if (field != null && e.getValue() != null && e.getValue() > 0 && e.getValue() <= MAX_DIMENSION) {
                        map.put(e.getValue(), field);
                        taken.put(field, e.getValue());
                        explicit.add(field);
                    }
                }
            }
            List<Integer> projects = new ArrayList<>();
            for (Map.Entry<Integer, String> e : dimensionNames.entrySet()) {
                if (map.containsKey(e.getKey())) {
                    continue;
                }
                Column field = LedgerCsvReader.column(e.getValue(), objectColumn);
                if (field == null && LedgerCsvReader.isProject(e.getValue())) {
                    projects.add(e.getKey());
                    continue;
                }
                if (field == null || !DIMENSION_FIELDS.contains(field) || explicit.contains(field)) {
                    // not a ledger field, or one the region has given its own number
                    continue;
                }
                if (taken.containsKey(field)) {
                    add(dimensionLines.get(e.getKey()), Text.of("#DIM " + e.getKey() + " \"" + e.getValue() + "\" är "
                                    + fieldName(field).sv() + ", liksom dimension " + taken.get(field)
                                    + ": vilken gäller? Ange den i regionens fil (ledger.sie.dimensions).",
                            "#DIM " + e.getKey() + " \"" + e.getValue() + "\" is " + fieldName(field).en()
                                    + ", as is dimension " + taken.get(field)
                                    + ": which one holds? Name it in the region's file (ledger.sie.dimensions)."));
                    continue;
                }
                map.put(e.getKey(), field);
                taken.put(field, e.getKey());
            }
            if (!taken.containsKey(Column.OBJECT) && projects.size() == 1) {
                map.put(projects.get(0), Column.OBJECT);
                taken.put(Column.OBJECT, projects.get(0));
            }
            // SIE's standard numbers, Bidragskoll's reading, only where the file names no such dimension:
            // 1 is kostnadsställe/resultatenhet (ansvar), 6 is projekt (the object when no other dimension is).
            if (!dimensionNames.containsKey(1) && !map.containsKey(1) && !taken.containsKey(Column.RESPONSIBILITY)) {
                map.put(1, Column.RESPONSIBILITY);
                taken.put(Column.RESPONSIBILITY, 1);
            }
            if (!dimensionNames.containsKey(6) && !map.containsKey(6) && !taken.containsKey(Column.OBJECT)) {
                map.put(6, Column.OBJECT);
                taken.put(Column.OBJECT, 6);
            }
            if (!taken.containsKey(Column.OBJECT)) {
                add(row, Text.of("Ingen dimension är objekt: ge en #DIM namnet Objekt (eller Projekt), eller ange"
                                + " numret i regionens fil (ledger.sie.dimensions.objekt).",
                        "No dimension is the object: name a #DIM Objekt (or Projekt), or give its number in the"
                                + " region's file (ledger.sie.dimensions.objekt)."));
            }
            int max = map.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            Column[] out = new Column[max + 1];
            map.forEach((k, v) -> out[k] = v);
            return out;
        }

        private LocalDate date(String raw, String sv, String en) {
            LocalDate known = dates.get(raw);
            if (known != null) {
                return known;
            }
            LocalDate parsed = null;
            if (raw.length() == 8) {
                boolean digits = true;
                for (int i = 0; i < 8; i++) {
                    digits &= raw.charAt(i) >= '0' && raw.charAt(i) <= '9';
                }
                if (digits) {
                    try {
                        parsed = LocalDate.of(Integer.parseInt(raw, 0, 4, 10), Integer.parseInt(raw, 4, 6, 10),
                                Integer.parseInt(raw, 6, 8, 10));
                    } catch (DateTimeException e) {
                        parsed = null;
                    }
                }
            }
            if (parsed == null) {
                add(row, Text.of(sv + ": \"" + raw + "\" är inget datum (ÅÅÅÅMMDD).", en + ": \"" + raw
                        + "\" is no date (YYYYMMDD)."));
                return null;
            }
            if (!Limits.inRange(parsed)) {
                add(row, Text.of(sv + ": \"" + raw + "\" ligger utanför " + Limits.MIN_DATE + " – " + Limits.MAX_DATE + ".",
                        en + ": \"" + raw + "\" is outside " + Limits.MIN_DATE + " – " + Limits.MAX_DATE + "."));
                return null;
            }
            if (dates.size() < 10_000) {
                dates.put(raw, parsed);
            }
            return parsed;
        }

        private void add(int line, Text message) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(new FieldError("rad " + line, Text.of("rad " + line + ": " + message.sv(),
                        "line " + line + ": " + message.en())));
            }
        }
    }

    private static String name(String voucher) {
        return voucher == null ? "utan nummer" : voucher;
    }

    /** A dimension number: 1 to {@link #MAX_DIMENSION}, bare or quoted; -1 for anything else. */
    private static int dimensionNumber(String raw) {
        if (raw.isEmpty() || raw.length() > 4) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n == 0 ? -1 : n;
    }

    /** SIE's amounts: a point for decimals, an optional minus, at most two decimals. */
    static BigDecimal amount(String raw) {
        return Amounts.plain(raw, false);
    }

    /**
     * The fields of one line after its label: bare tokens, quoted strings ({@code \"} a quote inside)
     * and at most one object list in braces, whose items are read the same way. At most
     * {@link Limits#MAX_CSV_FIELDS} fields and as many object list items.
     */
    static final class Tokens {

        private final String[] fields = new String[Limits.MAX_CSV_FIELDS];
        private final String[] objects = new String[Limits.MAX_CSV_FIELDS];
        private int count;
        private int objectIndex;
        private int objectCount;
        private String line;
        private int objectFrom;
        private int objectTo;

        int count() {
            return count;
        }

        String get(int i) {
            return fields[i];
        }

        /** How many fields precede the object list (it is no field itself), or -1 without one. */
        int objects() {
            return objectIndex;
        }

        int objectCount() {
            return objectCount;
        }

        String object(int i) {
            return objects[i];
        }

        /** The object list as written. */
        String objectText() {
            return objectIndex < 0 ? "" : line.substring(objectFrom, objectTo);
        }

        /** Reads the fields of {@code line[from, to)}; the error in Swedish and English ("sv|en"), or null. */
        String read(String text, int from, int to) {
            line = text;
            count = 0;
            objectIndex = -1;
            objectCount = 0;
            int i = from;
            while (true) {
                while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                    i++;
                }
                if (i >= to) {
                    return null;
                }
                if (count == fields.length) {
                    return "fler än " + fields.length + " fält.|more than " + fields.length + " fields.";
                }
                char c = text.charAt(i);
                if (c == '{') {
                    if (objectIndex >= 0) {
                        return "två objektlistor.|two object lists.";
                    }
                    objectIndex = count;
                    objectFrom = i;
                    i++;
                    while (true) {
                        while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                            i++;
                        }
                        if (i >= to) {
                            return "objektlistan saknar }.|the object list has no }.";
                        }
                        c = text.charAt(i);
                        if (c == '}') {
                            i++;
                            objectTo = i;
                            break;
                        }
                        if (c == '{') {
                            return "{ inne i en objektlista.|{ inside an object list.";
                        }
                        if (objectCount == objects.length) {
                            return "objektlistan har fler än " + objects.length + " värden.|the object list has more than "
                                    + objects.length + " values.";
                        }
                        if (c == '"') {
                            int end = quoted(text, i + 1, to);
                            if (end < 0) {
                                return "citattecknet saknar slut.|the quote has no end.";
                            }
                            objects[objectCount++] = value;
                            i = end;
                        } else {
                            int start = i;
                            while (i < to && text.charAt(i) != ' ' && text.charAt(i) != '\t' && text.charAt(i) != '}'
                                    && text.charAt(i) != '"') {
                                i++;
                            }
                            objects[objectCount++] = text.substring(start, i);
                        }
                    }
                } else if (c == '"') {
                    int end = quoted(text, i + 1, to);
                    if (end < 0) {
                        return "citattecknet saknar slut.|the quote has no end.";
                    }
                    fields[count++] = value;
                    i = end;
                } else {
                    int start = i;
                    while (i < to && text.charAt(i) != ' ' && text.charAt(i) != '\t' && text.charAt(i) != '{'
                            && text.charAt(i) != '"') {
                        i++;
                    }
                    fields[count++] = text.substring(start, i);
                }
            }
        }

        private String value;

        /** Reads a quoted string from after its opening quote; the index after its closing quote, or -1. */
        private int quoted(String text, int from, int to) {
            int end = text.indexOf('"', from);
            if (end >= 0 && end < to && text.charAt(end - 1) != '\\') {
                value = text.substring(from, end);
                return end + 1;
            }
            StringBuilder b = new StringBuilder();
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < to && text.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else if (c == '"') {
                    value = b.toString();
                    return i + 1;
                } else {
                    b.append(c);
                }
            }
            return -1;
        }
    }

    private static BadInputException problem(long line, Text message) {
        return new BadInputException(List.of(new FieldError("rad " + line, Text.of("rad " + line + ": " + message.sv(),
                "line " + line + ": " + message.en()))));
    }
}
