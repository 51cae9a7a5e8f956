package se.bidragskoll.plan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.api.FieldError;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.text.Text;
import se.bidragskoll.model.RegionPlan;
import se.bidragskoll.api.SpreadsheetGuard;

/**
 * The region plan as the spreadsheet a controller keeps: a template with Swedish column names, its
 * import (all or nothing, every error with its sheet, row and column) and the plan report as .xlsx.
 * Sheet "Plan" holds the plan's header as label/value rows; sheet "Statsbidrag" one grant a row.
 * Amounts are in the unit the "Plan" sheet's "Enhet" names: kr (default) or mnkr.
 */
public final class PlanSpreadsheet {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PLAN = "Plan";
    static final String LINES = "Statsbidrag";

    /** The header rows of sheet "Plan", in order. */
    static final String[] HEADER = {"Region", "År", "Per datum", "Förvaltning", "Källa", "Avsnitt", "Enhet",
            "Precision", "Summa planbelopp", "Summa budget i förvaltningen"};
    /** The columns of sheet "Statsbidrag", in order. */
    static final String[] COLUMNS = {"Statsbidrag", "Överenskommelse", "Planbelopp", "Budget i förvaltningen",
            "Permanent verksamhet", "Plan när bidraget upphör", "Kommentar"};

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** A region has a dozen or two grants a year; a sheet with more rows than this is not a plan. */
    static final int MAX_LINES = 500;

    private PlanSpreadsheet() {
    }

    /** An empty plan to fill in, with the header labels and the columns, amounts in mnkr. */
    public static byte[] template() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "Bidragskoll", "1.0");
            Worksheet plan = workbook.newWorksheet(PLAN);
            String[] hints = {"Länskod med två siffror, t.ex. 19", "t.ex. 2023", "ÅÅÅÅ-MM-DD, valfritt",
                    "t.ex. Hälso- och sjukvårdsförvaltningen", "Dokumentet tabellen kommer från", "t.ex. 5.1.3",
                    "mnkr eller kr", "Avrundning i samma enhet, t.ex. 0,1 (mnkr)", "Angiven summa, valfritt",
                    "Angiven summa, valfritt"};
            plan.value(0, 0, "Uppgift");
            plan.value(0, 1, "Värde");
            plan.value(0, 2, "Förklaring");
            for (int c = 0; c < 3; c++) {
                plan.style(0, c).bold().set();
            }
            for (int i = 0; i < HEADER.length; i++) {
                plan.value(i + 1, 0, HEADER[i]);
                plan.value(i + 1, 2, hints[i]);
            }
            plan.value(7, 1, "mnkr");
            plan.value(8, 1, 0.1);
            Worksheet lines = workbook.newWorksheet(LINES);
            for (int c = 0; c < COLUMNS.length; c++) {
                lines.value(0, c, COLUMNS[c]);
                lines.style(0, c).bold().set();
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads a filled-in plan; any bad cell rejects the whole file, naming every bad cell. */
    public static RegionPlan read(InputStream upload) {
        List<FieldError> errors = new ArrayList<>();
        InputStream in = new java.io.ByteArrayInputStream(SpreadsheetGuard.read(upload, "xlsx"));
        try (ReadableWorkbook workbook = new ReadableWorkbook(in)) {
            Optional<Sheet> planSheet = workbook.findSheet(PLAN);
            Optional<Sheet> linesSheet = workbook.findSheet(LINES);
            if (planSheet.isEmpty() || linesSheet.isEmpty()) {
                throw BadInputException.of("xlsx", "Arbetsboken ska ha bladen \"" + PLAN + "\" och \"" + LINES
                        + "\"; hämta mallen på /api/v1/plans/template.xlsx.", "The workbook needs the sheets \""
                        + PLAN + "\" and \"" + LINES + "\"; get the template at /api/v1/plans/template.xlsx.");
            }
            Map<String, Cell> header = new LinkedHashMap<>();
            for (Row row : planSheet.get().read()) {
                String label = text(row.getOptionalCell(0).orElse(null));
                if (label != null && row.getOptionalCell(1).isPresent()) {
                    header.put(normal(label), row.getCell(1));
                }
            }
            String unitText = text(header.get(normal("Enhet")));
            BigDecimal unit = BigDecimal.ONE;
            if (unitText != null && unitText.strip().equalsIgnoreCase("mnkr")) {
                unit = MILLION;
            } else if (unitText != null && !unitText.strip().equalsIgnoreCase("kr")) {
                errors.add(error(header.get(normal("Enhet")), "Enhet", "Enheten \"" + unitText
                        + "\" är okänd: ange mnkr eller kr.", "Unknown unit \"" + unitText + "\": give mnkr or kr."));
            }
            String region = text(header.get(normal("Region")));
            if (region != null && region.matches("\\d")) {
                region = "0" + region;
            }
            if (region != null && region.matches("\\d+\\.0+")) {
                region = region.substring(0, region.indexOf('.'));
            }
            Integer year = integer(header.get(normal("År")), "År", errors);
            LocalDate asOf = date(header.get(normal("Per datum")), "Per datum", errors);
            BigDecimal precision = amount(header.get(normal("Precision")), "Precision", unit, errors);
            BigDecimal statedPlan = amount(header.get(normal("Summa planbelopp")), "Summa planbelopp", unit, errors);
            BigDecimal statedBudget = amount(header.get(normal("Summa budget i förvaltningen")),
                    "Summa budget i förvaltningen", unit, errors);

            List<RegionPlan.Line> lines = new ArrayList<>();
            Map<String, Integer> columns = null;
            java.util.stream.Stream<Row> rowStream = linesSheet.get().openStream();
            Iterable<Row> rows = rowStream::iterator;
            for (Row row : rows) {
                if (columns == null) {
                    columns = new LinkedHashMap<>();
                    for (Cell c : row) {
                        String name = text(c);
                        if (name != null) {
                            columns.put(normal(name), c.getColumnIndex());
                        }
                    }
                    for (String required : List.of("Statsbidrag", "Planbelopp")) {
                        if (!columns.containsKey(normal(required))) {
                            errors.add(new FieldError(LINES + "!1", Text.of("Kolumnen \"" + required
                                    + "\" saknas i rubrikraden (rad 1).", "The column \"" + required
                                    + "\" is missing from the header row (row 1).")));
                        }
                    }
                    continue;
                }
                Map<String, Integer> cols = columns;
                java.util.function.Function<String, Cell> at = name -> {
                    Integer i = cols.get(normal(name));
                    return i == null ? null : row.getOptionalCell(i).orElse(null);
                };
                String name = text(at.apply("Statsbidrag"));
                boolean empty = row.stream().allMatch(c -> text(c) == null);
                if (empty) {
                    continue;
                }
                if (lines.size() == MAX_LINES) {
                    errors.add(new FieldError(LINES + "!A" + row.getRowNum(), Text.of("Bladet har fler än "
                            + MAX_LINES + " rader; en plan har ett statsbidrag per rad.", "The sheet has more than "
                            + MAX_LINES + " rows; a plan has one grant a row.")));
                    break;
                }
                if (name == null) {
                    errors.add(new FieldError(LINES + "!" + letter(cols.getOrDefault(normal("Statsbidrag"), 0))
                            + row.getRowNum() + " (Statsbidrag)", Text.of("Rad " + row.getRowNum()
                            + " saknar namn på statsbidraget.", "Row " + row.getRowNum() + " has no grant name.")));
                }
                lines.add(new RegionPlan.Line(name, text(at.apply("Överenskommelse")),
                        amount(at.apply("Planbelopp"), "Planbelopp", unit, errors),
                        amount(at.apply("Budget i förvaltningen"), "Budget i förvaltningen", unit, errors),
                        bool(at.apply("Permanent verksamhet"), "Permanent verksamhet", errors),
                        text(at.apply("Plan när bidraget upphör")), text(at.apply("Kommentar"))));
            }
            rowStream.close();
            if (!errors.isEmpty()) {
                throw new BadInputException(errors);
            }
            return new RegionPlan(region, year, asOf, text(header.get(normal("Förvaltning"))),
                    new RegionPlan.Source(text(header.get(normal("Källa"))), text(header.get(normal("Avsnitt")))),
                    precision, lines, statedPlan == null && statedBudget == null ? null
                    : new RegionPlan.Totals(statedPlan, statedBudget));
        } catch (IOException | org.dhatim.fastexcel.reader.ExcelReaderException e) {
            throw BadInputException.of("xlsx", "Filen går inte att läsa som .xlsx: " + e.getMessage(),
                    "The file cannot be read as .xlsx: " + e.getMessage());
        }
    }

    /** The plan report as a workbook: its lines with their dossiers, the findings and the conditions. */
    public static void write(PlanReport report, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Bidragskoll", "1.0");
        Worksheet lines = workbook.newWorksheet("Rader");
        String[] lineColumns = {"Rad", "Statsbidrag", "Överenskommelse", "Känd", "Planbelopp (kr)",
                "Budget i förvaltningen (kr)", "Regionens andel enligt källan (kr)", "Senaste underlag", "Utfall",
                "Belopp på spel (kr)", "Nästa sista dag"};
        header(lines, lineColumns);
        int r = 1;
        for (PlanReport.LineView l : report.lines()) {
            lines.value(r, 0, l.line());
            lines.value(r, 1, l.name());
            lines.value(r, 2, l.agreement());
            lines.value(r, 3, l.agreementKnown() ? "ja" : "nej");
            money(lines, r, 4, l.planAmount());
            money(lines, r, 5, l.administrationBudget());
            money(lines, r, 6, l.statedShare());
            if (l.dossier() != null) {
                lines.value(r, 7, l.dossier().id());
                lines.value(r, 8, l.dossier().outcome());
                money(lines, r, 9, l.dossier().amountAtStake());
                if (l.dossier().nextDue() != null) {
                    lines.value(r, 10, l.dossier().nextDue().toString());
                }
            }
            r++;
        }
        Worksheet findings = workbook.newWorksheet("Fynd");
        header(findings, new String[]{"Fynd", "Villkor", "Allvarlighet", "Meddelande", "Belopp (kr)", "Underlag",
                "Källa", "Klausul"});
        r = 1;
        for (Report.Finding f : report.findings()) {
            findings.value(r, 0, f.id());
            findings.value(r, 1, f.code());
            findings.value(r, 2, f.severity());
            findings.value(r, 3, f.message());
            money(findings, r, 4, f.amount());
            findings.value(r, 5, String.join(", ", f.facts().stream().map(x -> x.ref()).toList()));
            findings.value(r, 6, f.source() == null ? null : f.source().document());
            findings.value(r, 7, f.source() == null ? null : f.source().clause());
            r++;
        }
        Worksheet conditions = workbook.newWorksheet("Villkor");
        header(conditions, new String[]{"Villkor", "Beskrivning", "Resultat", "Kommentar"});
        r = 1;
        for (Report.ConditionResult c : report.conditions()) {
            conditions.value(r, 0, c.code());
            conditions.value(r, 1, c.title());
            conditions.value(r, 2, c.result().name());
            conditions.value(r, 3, c.detail());
            r++;
        }
        workbook.finish();
    }

    private static void header(Worksheet sheet, String[] columns) {
        for (int c = 0; c < columns.length; c++) {
            sheet.value(0, c, columns[c]);
            sheet.style(0, c).bold().set();
        }
    }

    private static void money(Worksheet sheet, int row, int col, BigDecimal amount) {
        if (amount != null) {
            sheet.value(row, col, amount);
            sheet.style(row, col).format("#,##0.00").set();
        }
    }

    private static String normal(String label) {
        return label.replaceAll("\\(.*?\\)", "").strip().toLowerCase(Locale.ROOT);
    }

    static String letter(int column) {
        StringBuilder s = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            s.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return s.toString();
    }

    /** {@code Statsbidrag!C5 (Planbelopp)}: the sheet, the cell and the column a person looks for. */
    private static String where(Cell cell, String column) {
        String sheet = java.util.Arrays.asList(HEADER).contains(column) ? PLAN : LINES;
        return sheet + "!" + cell.getAddress() + " (" + column + ")";
    }

    private static FieldError error(Cell cell, String column, String sv, String en) {
        String address = cell == null ? column : where(cell, column);
        return new FieldError(address, Text.of("Cell " + address + ": " + sv, "Cell " + address + ": " + en));
    }

    private static String text(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return null;
        }
        String t = cell.getType() == CellType.NUMBER ? cell.asNumber().stripTrailingZeros().toPlainString()
                : cell.getText();
        return t == null || t.isBlank() ? null : t.strip();
    }

    private static BigDecimal amount(Cell cell, String column, BigDecimal unit, List<FieldError> errors) {
        String t = text(cell);
        if (t == null) {
            return null;
        }
        BigDecimal value;
        if (cell.getType() == CellType.NUMBER) {
            value = cell.asNumber();
        } else {
            try {
                value = new BigDecimal(t.replace('\u00a0', ' ').replace(" ", "").replace(',', '.'));
            } catch (NumberFormatException e) {
                errors.add(error(cell, column, "\"" + t + "\" är inget belopp.", "\"" + t + "\" is not an amount."));
                return null;
            }
        }
        BigDecimal kronor = value.multiply(unit);
        if (kronor.stripTrailingZeros().scale() > 2) {
            errors.add(error(cell, column, "beloppet " + t + " ger fler än två decimaler i kronor.",
                    "the amount " + t + " gives more than two decimals in kronor."));
            return null;
        }
        if (kronor.signum() < 0) {
            errors.add(error(cell, column, "beloppet " + t + " är negativt.", "the amount " + t + " is negative."));
            return null;
        }
        return kronor.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static Integer integer(Cell cell, String column, List<FieldError> errors) {
        String t = text(cell);
        if (t == null) {
            return null;
        }
        try {
            return Integer.valueOf(t);
        } catch (NumberFormatException e) {
            errors.add(error(cell, column, "\"" + t + "\" är inget år.", "\"" + t + "\" is not a year."));
            return null;
        }
    }

    private static LocalDate date(Cell cell, String column, List<FieldError> errors) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return null;
        }
        if (cell.getType() == CellType.NUMBER) {
            try {
                return cell.asDate().toLocalDate();
            } catch (RuntimeException e) {
                errors.add(error(cell, column, "inget datum.", "not a date."));
                return null;
            }
        }
        try {
            return LocalDate.parse(text(cell));
        } catch (DateTimeParseException e) {
            errors.add(error(cell, column, "\"" + text(cell) + "\" är inget datum (ÅÅÅÅ-MM-DD).",
                    "\"" + text(cell) + "\" is not a date (YYYY-MM-DD)."));
            return null;
        }
    }

    private static Boolean bool(Cell cell, String column, List<FieldError> errors) {
        String t = text(cell);
        if (t == null) {
            return null;
        }
        if (cell.getType() == CellType.BOOLEAN) {
            return cell.asBoolean();
        }
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "ja", "j", "x", "sant", "true" -> true;
            case "nej", "n", "falskt", "false" -> false;
            default -> {
                errors.add(error(cell, column, "\"" + t + "\": ange ja eller nej.", "\"" + t + "\": give ja or nej."));
                yield null;
            }
        };
    }
}
