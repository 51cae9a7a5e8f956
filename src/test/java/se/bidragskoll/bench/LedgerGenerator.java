package se.bidragskoll.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import se.bidragskoll.model.ActionPlan;
import se.bidragskoll.model.Allocation;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.model.Drawdown;
import se.bidragskoll.model.Grant;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.model.Measure;
import se.bidragskoll.model.WaitingTimeReport;

/**
 * Deterministic dossiers of Region Jämtland Härjedalen for Patientmiljarden 2018 (asOf 2019-04-30,
 * 12 600 000 kr on objekt 9916, kategori 2, the five measures of the seed example, allocations to
 * PPHV and VS) with a ledger of any size and breaches planted at known rows.
 *
 * <p>Rows are 1-based positions in the ledger ({@link LedgerLine#row()} is set). A row is planted
 * when it falls on one of these residues (chosen so that no two kinds ever share a row, and so that
 * a ledger of 1 000 lines already holds every kind once):
 * <ul>
 * <li>{@code row % 1000 == 100}: plan measure booked on objekt 9920 (REG-COST-OBJECT);</li>
 * <li>{@code row % 2500 == 300}: grant line dated 2019 (PM-FUNDING-PERIOD, all such rows one finding);</li>
 * <li>{@code row % 5000 == 700}: no objekt, plan measure (DATA-LEDGER-REQUIRED-FIELDS, and also
 *     REG-COST-OBJECT: the rule's {@code object != $object} holds for a missing object);</li>
 * <li>{@code row % 3000 == 900}: objekt 9916 with a measure outside the plan, CANCER-07 or (every
 *     third) HJARTA-11 (REG-COST-OBJECT-EXCLUSIVE, one finding per measure);</li>
 * <li>{@code row % 4000 == 600}: objekt 9916 with a unit without allocation (DATA-UNKNOWN-REFERENCE);</li>
 * <li>{@code row % 7000 == 450}: a copy of the row before (DATA-LEDGER-DUPLICATE, one finding per
 *     pair); at {@code row % 21000 == 451} a third copy of the same pair (still one finding).</li>
 * </ul>
 * Every other row is an ordinary posting: on 9916 with a plan measure (or none) and unit PPHV or VS,
 * or on another object (no plan measure) of some other activity of the region.
 */
public final class LedgerGenerator {

    public static final long SEED = 20180416L;
    public static final String REGION = "23";
    public static final String AGREEMENT = "patientmiljarden-2018";
    public static final LocalDate AS_OF = LocalDate.of(2019, 4, 30);
    public static final String COST_OBJECT = "9916";
    public static final LocalDate PERIOD_START = LocalDate.of(2018, 1, 1);
    public static final LocalDate PERIOD_END = LocalDate.of(2018, 12, 31);
    public static final BigDecimal GRANTED = new BigDecimal("12600000.00");

    /** The codes whose finding counts {@link #planted(int)} gives. */
    public static final List<String> PLANTED_CODES = List.of("PM-FUNDING-PERIOD", "REG-COST-OBJECT",
            "REG-COST-OBJECT-EXCLUSIVE", "DATA-LEDGER-REQUIRED-FIELDS", "DATA-LEDGER-DUPLICATE",
            "DATA-UNKNOWN-REFERENCE");

    enum Kind { NORMAL, WRONG_OBJECT, AFTER_PERIOD, MISSING_OBJECT, FOREIGN_MEASURE, UNKNOWN_UNIT, DUPLICATE }

    private static final String[] PLAN_MEASURES = {"VG-01", "VG-02", "VG-03", "PK-01", "PK-02"};
    private static final String[] GRANT_UNITS = {"PPHV", "VS"};
    private static final String[] UNKNOWN_UNITS = {"PPVH", "AKM"};
    private static final String[] OTHER_OBJECTS = {"9901", "9925", "9930", "1000", "2400"};
    private static final String[] OTHER_UNITS = {"AKM", "KIR", "MED", "PPHV", "VS"};
    private static final String[] RESPONSIBILITIES = {"31240", "31300", "31410", "32100", "33050"};
    private static final String[] ACTIVITIES = {"1120", "1130", "1210", "1310"};
    private static final String[] ACCOUNTS = {"4011", "4061", "5611", "6421"};
    private static final String[] MONTHS = {"januari", "februari", "mars", "april", "maj", "juni", "juli",
            "augusti", "september", "oktober", "november", "december"};

    /** Shared instances, so that a million lines do not hold a million copies of the same text or date. */
    private static final LocalDate[] DAYS_2018 = new LocalDate[365];
    private static final LocalDate[] DAYS_2019_Q1 = new LocalDate[90];
    private static final String[][] TEXTS = new String[ACCOUNTS.length][12];
    private static final String[][] CORRECTIONS = new String[ACCOUNTS.length][12];

    static {
        for (int d = 0; d < DAYS_2018.length; d++) {
            DAYS_2018[d] = LocalDate.of(2018, 1, 1).plusDays(d);
        }
        for (int d = 0; d < DAYS_2019_Q1.length; d++) {
            DAYS_2019_Q1[d] = LocalDate.of(2019, 1, 1).plusDays(d);
        }
        String[] base = {"Lön %s", "Semesterersättning %s", "Köpta tjänster; konsult %s", "IT-utrustning, \"surfplattor\" %s"};
        for (int a = 0; a < ACCOUNTS.length; a++) {
            for (int m = 0; m < 12; m++) {
                TEXTS[a][m] = String.format(base[a], MONTHS[m]);
                CORRECTIONS[a][m] = "Rättelse: " + TEXTS[a][m];
            }
        }
    }

    private LedgerGenerator() {
    }

    /** What kind of line row {@code row} (1-based) is. */
    static Kind kind(int row) {
        if (row % 1000 == 100) {
            return Kind.WRONG_OBJECT;
        }
        if (row % 2500 == 300) {
            return Kind.AFTER_PERIOD;
        }
        if (row % 5000 == 700) {
            return Kind.MISSING_OBJECT;
        }
        if (row % 3000 == 900) {
            return Kind.FOREIGN_MEASURE;
        }
        if (row % 4000 == 600) {
            return Kind.UNKNOWN_UNIT;
        }
        if (row % 7000 == 450 || row % 21000 == 451) {
            return Kind.DUPLICATE;
        }
        return Kind.NORMAL;
    }

    /** The measure outside the plan booked on the object at a FOREIGN_MEASURE row. */
    static String foreignMeasure(int row) {
        return (row / 3000) % 3 == 2 ? "HJARTA-11" : "CANCER-07";
    }

    /**
     * How many findings each code of {@link #PLANTED_CODES} must produce for a ledger of
     * {@code lines} rows, counted from the planted rows (ordinary rows produce none).
     */
    public static Map<String, Integer> planted(int lines) {
        int wrongObject = 0;
        int missingObject = 0;
        int unknownUnit = 0;
        int duplicatePairs = 0;
        boolean afterPeriod = false;
        Set<String> foreign = new LinkedHashSet<>();
        for (int row = 1; row <= lines; row++) {
            switch (kind(row)) {
                case WRONG_OBJECT -> wrongObject++;
                case AFTER_PERIOD -> afterPeriod = true;
                case MISSING_OBJECT -> missingObject++;
                case FOREIGN_MEASURE -> foreign.add(foreignMeasure(row));
                case UNKNOWN_UNIT -> unknownUnit++;
                case DUPLICATE -> {
                    if (row % 7000 == 450) { // the pair's first copy; a third occurrence adds no finding
                        duplicatePairs++;
                    }
                }
                default -> {
                }
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("PM-FUNDING-PERIOD", afterPeriod ? 1 : 0); // one finding for all lines after the period
        counts.put("REG-COST-OBJECT", wrongObject + missingObject); // a plan line without objekt is off the object too
        counts.put("REG-COST-OBJECT-EXCLUSIVE", foreign.size()); // one finding per foreign measure
        counts.put("DATA-LEDGER-REQUIRED-FIELDS", missingObject);
        counts.put("DATA-LEDGER-DUPLICATE", duplicatePairs);
        counts.put("DATA-UNKNOWN-REFERENCE", unknownUnit);
        return counts;
    }

    /** The dossier with a ledger of {@code lines} rows; the same rows for the same size, every time. */
    public static Dossier dossier(int lines) {
        return new Dossier(REGION, AGREEMENT, AS_OF,
                new Grant(GRANTED, LocalDate.of(2018, 6, 15), 2, COST_OBJECT, "Chef för beställarenheten"),
                actionPlan(), allocations(), drawdowns(), ledger(lines), waitingTimeReports(), null, null, null);
    }

    static ActionPlan actionPlan() {
        return new ActionPlan(LocalDate.of(2018, 4, 13), "SKL", "Regionstyrelsen", LocalDate.of(2018, 4, 25), List.of(
                new Measure("VG-01", "Uppföljning av utökad vårdgaranti och kunskapsstöd, datalager",
                        "forstarkt-vardgaranti", null, new BigDecimal("2500000.00"), false, null),
                new Measure("VG-02", "Nära vård med stöd av IT: digitala hembesök", "forstarkt-vardgaranti", null,
                        new BigDecimal("2000000.00"), false, null),
                new Measure("VG-03", "Lättakut och utökade öppettider på hälsocentraler", "forstarkt-vardgaranti",
                        null, new BigDecimal("1500000.00"), false, null),
                new Measure("PK-01", "Patientkontrakt i form av sammanhållen vårdplan", "patientkontrakt", null,
                        new BigDecimal("3000000.00"), false, null),
                new Measure("PK-02", "Utökat läkarstöd till kommunal hemsjukvård och ambulans", "patientkontrakt",
                        null, new BigDecimal("3000000.00"), false, null)));
    }

    static List<Allocation> allocations() {
        return List.of(new Allocation("PPHV", new BigDecimal("7000000.00"), null),
                new Allocation("VS", new BigDecimal("5000000.00"), null));
    }

    static List<Drawdown> drawdowns() {
        return List.of(new Drawdown("PPHV", LocalDate.of(2018, 3, 31), new BigDecimal("1500000.00")),
                new Drawdown("PPHV", LocalDate.of(2018, 6, 30), new BigDecimal("2000000.00")),
                new Drawdown("VS", LocalDate.of(2018, 6, 30), new BigDecimal("1000000.00")),
                new Drawdown("VS", LocalDate.of(2018, 9, 30), new BigDecimal("1500000.00")),
                new Drawdown("PPHV", LocalDate.of(2018, 12, 31), new BigDecimal("2500000.00")));
    }

    static List<WaitingTimeReport> waitingTimeReports() {
        return List.of(new WaitingTimeReport(YearMonth.of(2019, 1), LocalDate.of(2019, 2, 12)),
                new WaitingTimeReport(YearMonth.of(2019, 2), LocalDate.of(2019, 3, 12)),
                new WaitingTimeReport(YearMonth.of(2019, 3), LocalDate.of(2019, 4, 11)));
    }

    static List<LedgerLine> ledger(int lines) {
        List<LedgerLine> ledger = new ArrayList<>(lines);
        ledger(lines, ledger::add);
        return ledger;
    }

    /** The same rows as {@link #ledger(int)}, one at a time: for ledgers too large to hold. */
    static void ledger(int lines, Consumer<LedgerLine> sink) {
        ledger(lines, Integer.MAX_VALUE, sink);
    }

    /** Breaches planted in rows up to {@code plantedRows} only; later rows are ordinary. */
    static void ledger(int lines, int plantedRows, Consumer<LedgerLine> sink) {
        SplittableRandom random = new SplittableRandom(SEED);
        LedgerLine previous = null;
        int voucherNumber = 100000 - 1;
        String voucher = null;
        int lineNumber = 0;
        int remaining = 0;
        int dayOfYear = 0;
        for (int row = 1; row <= lines; row++) {
            Kind kind = row > plantedRows ? Kind.NORMAL : kind(row);
            if (kind == Kind.DUPLICATE) {
                // the same posting exported twice: same voucher, line and content, next row
                previous = previous.withRow(row);
                sink.accept(previous);
                continue;
            }
            boolean after = kind == Kind.AFTER_PERIOD;
            if (remaining == 0 || after) {
                voucherNumber++;
                voucher = "A " + voucherNumber;
                lineNumber = 0;
                remaining = after ? 1 : 1 + random.nextInt(6);
                dayOfYear = random.nextInt(DAYS_2018.length);
            }
            lineNumber++;
            remaining--;
            LocalDate date = after ? DAYS_2019_Q1[random.nextInt(DAYS_2019_Q1.length)] : DAYS_2018[dayOfYear];
            if (after) {
                remaining = 0; // a voucher of 2019 holds this line only
            }

            int account = random.nextInt(ACCOUNTS.length);
            String responsibility = RESPONSIBILITIES[random.nextInt(RESPONSIBILITIES.length)];
            String activity = ACTIVITIES[random.nextInt(ACTIVITIES.length)];
            String object;
            String unit;
            String measure;
            int share = random.nextInt(100);
            switch (kind) {
                case WRONG_OBJECT -> {
                    object = "9920";
                    measure = PLAN_MEASURES[random.nextInt(PLAN_MEASURES.length)];
                    unit = GRANT_UNITS[random.nextInt(GRANT_UNITS.length)];
                }
                case AFTER_PERIOD -> {
                    object = COST_OBJECT;
                    measure = PLAN_MEASURES[random.nextInt(PLAN_MEASURES.length)];
                    unit = GRANT_UNITS[random.nextInt(GRANT_UNITS.length)];
                }
                case MISSING_OBJECT -> {
                    object = null;
                    measure = PLAN_MEASURES[random.nextInt(PLAN_MEASURES.length)];
                    unit = GRANT_UNITS[random.nextInt(GRANT_UNITS.length)];
                }
                case FOREIGN_MEASURE -> {
                    object = COST_OBJECT;
                    measure = foreignMeasure(row);
                    unit = GRANT_UNITS[random.nextInt(GRANT_UNITS.length)];
                }
                case UNKNOWN_UNIT -> {
                    object = COST_OBJECT;
                    measure = PLAN_MEASURES[random.nextInt(PLAN_MEASURES.length)];
                    unit = UNKNOWN_UNITS[random.nextInt(UNKNOWN_UNITS.length)];
                }
                default -> {
                    if (share < 40) { // the grant's own costs, by measure
                        object = COST_OBJECT;
                        measure = PLAN_MEASURES[random.nextInt(PLAN_MEASURES.length)];
                        unit = share < 4 ? null : GRANT_UNITS[random.nextInt(GRANT_UNITS.length)];
                    } else if (share < 45) { // on the object without a measure: still the grant's
                        object = COST_OBJECT;
                        measure = null;
                        unit = GRANT_UNITS[random.nextInt(GRANT_UNITS.length)];
                    } else { // the rest of the region's ledger
                        object = OTHER_OBJECTS[random.nextInt(OTHER_OBJECTS.length)];
                        measure = "9930".equals(object) ? "CANCER-07" : null;
                        unit = OTHER_UNITS[random.nextInt(OTHER_UNITS.length)];
                    }
                }
            }
            long cents = cents(random, account);
            boolean correction = kind == Kind.NORMAL && random.nextInt(50) == 0;
            int month = date.getMonthValue() - 1;
            String text = correction ? CORRECTIONS[account][month] : TEXTS[account][month];
            BigDecimal amount = BigDecimal.valueOf(correction ? -cents / 4 : cents, 2);
            previous = new LedgerLine(voucher, lineNumber, date, ACCOUNTS[account], responsibility, activity, object,
                    unit, measure, amount, text, row);
            sink.accept(previous);
        }
    }

    /** An amount in öre, by account: salaries, holiday pay, bought services, equipment. */
    private static long cents(SplittableRandom random, int account) {
        return switch (account) {
            case 0 -> 2_800_000L + random.nextLong(3_600_000L);
            case 1 -> 50_000L + random.nextLong(750_000L);
            case 2 -> 200_000L + random.nextLong(4_800_000L);
            default -> 150_000L + random.nextLong(2_500_000L);
        };
    }

    /**
     * Writes the ledger as the region's ERP exports it: UTF-8, {@code ;} between fields, decimal
     * comma and a space between thousands, text quoted when it holds {@code ;}, a quote or a newline.
     */
    public static void writeCsv(Dossier dossier, Path file) throws IOException {
        writeCsv(sink -> dossier.ledger().forEach(sink), file);
    }

    /** Writes the generated ledger of {@code lines} rows without holding it. */
    public static void writeCsv(int lines, Path file) throws IOException {
        writeCsv(lines, Integer.MAX_VALUE, file);
    }

    /** As {@link #writeCsv(int, Path)}, with breaches planted in the first {@code plantedRows} rows only. */
    public static void writeCsv(int lines, int plantedRows, Path file) throws IOException {
        writeCsv(sink -> ledger(lines, plantedRows, sink), file);
    }

    private static void writeCsv(Consumer<Consumer<LedgerLine>> ledger, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("verifikation;rad;bokforingsdatum;konto;ansvar;verksamhet;objekt;enhet;atgard;belopp;text\n");
            StringBuilder row = new StringBuilder(160);
            IOException[] failed = {null};
            ledger.accept(l -> {
                if (failed[0] != null) {
                    return;
                }
                row.setLength(0);
                field(row, l.voucher()).append(';');
                if (l.line() != null) {
                    row.append(l.line().intValue());
                }
                row.append(';');
                if (l.date() != null) {
                    row.append(l.date());
                }
                row.append(';');
                field(row, l.account()).append(';');
                field(row, l.responsibility()).append(';');
                field(row, l.activity()).append(';');
                field(row, l.object()).append(';');
                field(row, l.unit()).append(';');
                field(row, l.measure()).append(';');
                if (l.amount() != null) {
                    swedishAmount(row, l.amount());
                }
                row.append(';');
                field(row, l.text()).append('\n');
                try {
                    out.append(row);
                } catch (IOException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
        }
    }

    /**
     * Writes the generated ledger of {@code lines} rows as an SIE 4E file, as a Swedish financial
     * system exports it: the same rows as {@link #writeCsv(int, Path)} (each a {@code #TRANS} of its
     * voucher, the dimensions in its object list), each voucher balanced by a row on the
     * balance-sheet account 2440 (no ledger line). UTF-8, or IBM 437 with {@code #FORMAT PC8}.
     * Returns the number of {@code #TRANS} rows written.
     */
    public static long writeSie(int lines, Path file, boolean pc8) throws IOException {
        return writeSie(sink -> ledger(lines, Integer.MAX_VALUE, sink), file, pc8);
    }

    /** As {@link #writeSie(int, Path, boolean)}, for the given lines (consecutive lines of a voucher form it). */
    public static long writeSie(List<LedgerLine> lines, Path file, boolean pc8) throws IOException {
        return writeSie(lines::forEach, file, pc8);
    }

    private static long writeSie(Consumer<Consumer<LedgerLine>> ledger, Path file, boolean pc8) throws IOException {
        java.nio.charset.Charset charset = pc8 ? java.nio.charset.Charset.forName("IBM437") : StandardCharsets.UTF_8;
        long[] rows = {0};
        try (BufferedWriter out = Files.newBufferedWriter(file, charset)) {
            out.write("#FLAGGA 0\n");
            if (pc8) {
                out.write("#FORMAT PC8\n");
            }
            out.write("#SIETYP 4\n#PROGRAM \"Bidragskoll LedgerGenerator\" 1.0\n#GEN 20190430\n"
                    + "#FNAMN \"Region Jämtland Härjedalen\"\n#RAR 0 20180101 20181231\n"
                    + "#KONTO 4011 \"Löner\"\n#KONTO 2440 \"Leverantörsskulder\"\n"
                    + "#DIM 1 \"Ansvar\"\n#DIM 2 \"Verksamhet\"\n#DIM 20 \"Objekt\"\n#DIM 21 \"Enhet\"\n"
                    + "#DIM 22 \"Åtgärd\"\n#OBJEKT 20 \"9916\" \"Patientmiljarden 2018\"\n");
            List<LedgerLine> voucher = new ArrayList<>(8);
            StringBuilder row = new StringBuilder(200);
            IOException[] failed = {null};
            Consumer<List<LedgerLine>> flush = v -> {
                if (v.isEmpty() || failed[0] != null) {
                    return;
                }
                LedgerLine first = v.get(0);
                row.setLength(0);
                String[] name = first.voucher().split(" ", 2);
                row.append("#VER ").append(name[0]).append(' ').append(name.length > 1 ? name[1] : "\"\"").append(' ');
                compactDate(row, first.date()).append(" \"\" ").append("20190430\n{\n");
                long sum = 0;
                for (LedgerLine l : v) {
                    row.append("#TRANS ").append(l.account()).append(" {");
                    dimension(row, 1, l.responsibility());
                    dimension(row, 2, l.activity());
                    dimension(row, 20, l.object());
                    dimension(row, 21, l.unit());
                    dimension(row, 22, l.measure());
                    row.append("} ").append(l.amount().toPlainString()).append(' ');
                    if (l.date().equals(first.date())) {
                        row.append("\"\"");
                    } else {
                        compactDate(row, l.date());
                    }
                    row.append(' ');
                    sieString(row, l.text()).append('\n');
                    sum += l.amount().unscaledValue().longValueExact();
                    rows[0]++;
                }
                row.append("#TRANS 2440 {} ").append(BigDecimal.valueOf(-sum, 2).toPlainString()).append("\n}\n");
                rows[0]++;
                try {
                    out.append(row);
                } catch (IOException e) {
                    failed[0] = e;
                }
            };
            ledger.accept(l -> {
                if (!voucher.isEmpty() && !voucher.get(0).voucher().equals(l.voucher())) {
                    flush.accept(voucher);
                    voucher.clear();
                }
                voucher.add(l);
            });
            flush.accept(voucher);
            if (failed[0] != null) {
                throw failed[0];
            }
        }
        return rows[0];
    }

    private static StringBuilder compactDate(StringBuilder row, LocalDate date) {
        int y = date.getYear();
        int m = date.getMonthValue();
        int d = date.getDayOfMonth();
        return row.append(y).append(m < 10 ? "0" : "").append(m).append(d < 10 ? "0" : "").append(d);
    }

    private static void dimension(StringBuilder row, int number, String value) {
        if (value == null) {
            return;
        }
        if (row.charAt(row.length() - 1) != '{') {
            row.append(' ');
        }
        sieString(row.append(number).append(' '), value);
    }

    private static StringBuilder sieString(StringBuilder row, String value) {
        row.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                row.append('\\');
            }
            row.append(c);
        }
        return row.append('"');
    }

    private static StringBuilder field(StringBuilder row, String value) {
        if (value == null) {
            return row;
        }
        boolean quote = value.indexOf(';') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0 || (!value.isEmpty() && (value.charAt(0) == ' '
                || value.charAt(value.length() - 1) == ' '));
        if (!quote) {
            return row.append(value);
        }
        row.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                row.append('"');
            }
            row.append(c);
        }
        return row.append('"');
    }

    /** {@code 48 650,00}, {@code -1 234,50}: two decimals, a space between thousands. */
    static StringBuilder swedishAmount(StringBuilder row, BigDecimal amount) {
        BigDecimal two = amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
        String digits = two.unscaledValue().abs().toString();
        if (digits.length() < 3) {
            digits = "0".repeat(3 - digits.length()) + digits;
        }
        if (two.signum() < 0) {
            row.append('-');
        }
        String whole = digits.substring(0, digits.length() - 2);
        int first = whole.length() % 3 == 0 ? 3 : whole.length() % 3;
        row.append(whole, 0, first);
        for (int i = first; i < whole.length(); i += 3) {
            row.append(' ').append(whole, i, i + 3);
        }
        return row.append(',').append(digits, digits.length() - 2, digits.length());
    }

    /** The generated dossier without its ledger, as the API takes it (the ledger goes in a CSV file). */
    public static String dossierJson() {
        try {
            return new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                    .writeValueAsString(dossier(0).withLedger(null));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code <dir>/dossier-N.json} (the dossier without its ledger) and {@code <dir>/ledger-N.csv}
     * for each size: {@code LedgerGenerator <dir> [N...] [--planted-rows P]} (default 1000 100000 1000000);
     * with {@code --planted-rows}, breaches only in the first P rows, in {@code ledger-N-planted-P.csv}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: LedgerGenerator <dir> [lines...]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        List<Integer> sizes = new ArrayList<>();
        int plantedRows = Integer.MAX_VALUE;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--planted-rows")) {
                plantedRows = Integer.parseInt(args[++i].replace("_", ""));
                continue;
            }
            sizes.add(Integer.parseInt(args[i].replace("_", "")));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1_000, 100_000, 1_000_000);
        }
        for (int n : sizes) {
            String suffix = plantedRows < n ? "-planted-" + plantedRows : "";
            Path jsonFile = dir.resolve("dossier-" + n + ".json");
            Path csvFile = dir.resolve("ledger-" + n + suffix + ".csv");
            Files.writeString(jsonFile, dossierJson());
            writeCsv(n, plantedRows, csvFile); // row by row: a 10M-line ledger is not held
            if (plantedRows == Integer.MAX_VALUE && n <= 1_000_000) {
                writeSie(n, dir.resolve("ledger-" + n + ".se"), false); // the same rows as SIE 4
            }
            System.out.printf("%s, %s (%d lines, planted %s)%n", jsonFile, csvFile, n, planted(Math.min(n, plantedRows)));
        }
    }
}
