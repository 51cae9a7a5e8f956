package se.bidragskoll.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
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
import se.bidragskoll.model.Dossier;
import se.bidragskoll.text.Text;
import se.bidragskoll.api.SpreadsheetGuard;
import se.bidragskoll.dossier.DossierValidator;
import se.bidragskoll.rulebase.RuleSetHolder;
import se.bidragskoll.ruleset.AgreementDef;
import se.bidragskoll.ruleset.ConditionSpec;
import se.bidragskoll.ruleset.Regions;
import se.bidragskoll.ruleset.RuleSet;

/**
 * The dossier as a workbook controllers fill in: a sheet for the grant, the measures, allocations,
 * drawdowns, events, the ledger and the waiting-time reports, with Swedish headers. Read back all or
 * nothing: every error names sheet, row and column, and a workbook with any error gives no dossier.
 * The workbook maps to the dossier's JSON, so that a field the API gains is a column here.
 */
@ApplicationScoped
public class DossierWorkbook {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** What a cell holds. */
    enum Kind { TEXT, AMOUNT, DATE, INTEGER, YES_NO, MONTH }

    /** A column: its Swedish header, the JSON field and what it holds. */
    record Column(String header, String field, Kind kind) {
    }

    /** A sheet of rows: its name, the dossier's list it fills, and its columns. */
    record Table(String sheet, String path, List<Column> columns) {
    }

    /** The grant sheet: one field per row (label, value). */
    static final String GRANT_SHEET = "Bidrag";
    static final List<Column> GRANT = List.of(
            new Column("Region (länskod)", "region", Kind.TEXT),
            new Column("Överenskommelse", "agreement", Kind.TEXT),
            new Column("Bedöms per datum", "asOf", Kind.DATE),
            new Column("Beviljat belopp", "grant.grantedAmount", Kind.AMOUNT),
            new Column("Medlen mottagna", "grant.receivedOn", Kind.DATE),
            new Column("Kategori", "grant.category", Kind.INTEGER),
            new Column("Objekt", "grant.costObject", Kind.TEXT),
            new Column("Ansvarig", "grant.responsible", Kind.TEXT),
            new Column("Handlingsplan inskickad", "actionPlan.submittedOn", Kind.DATE),
            new Column("Handlingsplan skickad till", "actionPlan.recipient", Kind.TEXT),
            new Column("Handlingsplan beslutad av", "actionPlan.decidedBy", Kind.TEXT),
            new Column("Handlingsplan beslutad", "actionPlan.decidedOn", Kind.DATE),
            new Column("Styrgruppens analys", "steeringGroupAnalysis.date", Kind.DATE));

    static final List<Table> TABLES = List.of(
            new Table("Åtgärder", "actionPlan.measures", List.of(
                    new Column("Id", "id", Kind.TEXT), new Column("Titel", "title", Kind.TEXT),
                    new Column("Område", "area", Kind.TEXT), new Column("Syfte", "purpose", Kind.TEXT),
                    new Column("Belopp", "amount", Kind.AMOUNT), new Column("Permanent (ja/nej)", "permanent", Kind.YES_NO),
                    new Column("Avvecklingsplan", "exitPlan", Kind.TEXT))),
            new Table("Fördelningar", "allocations", List.of(
                    new Column("Enhet", "unit", Kind.TEXT), new Column("Belopp", "amount", Kind.AMOUNT),
                    new Column("Syfte", "purpose", Kind.TEXT))),
            new Table("Avrop", "drawdowns", List.of(
                    new Column("Enhet", "unit", Kind.TEXT), new Column("Datum", "date", Kind.DATE),
                    new Column("Belopp", "amount", Kind.AMOUNT))),
            new Table("Händelser", "events", List.of(
                    new Column("Typ", "kind", Kind.TEXT), new Column("Datum", "date", Kind.DATE),
                    new Column("Mottagare", "recipient", Kind.TEXT), new Column("Referens", "reference", Kind.TEXT))),
            new Table("Huvudbok", "ledger", List.of(
                    new Column("Verifikation", "voucher", Kind.TEXT), new Column("Rad", "line", Kind.INTEGER),
                    new Column("Bokföringsdatum", "date", Kind.DATE), new Column("Konto", "account", Kind.TEXT),
                    new Column("Ansvar", "responsibility", Kind.TEXT), new Column("Verksamhet", "activity", Kind.TEXT),
                    new Column("Objekt", "object", Kind.TEXT), new Column("Enhet", "unit", Kind.TEXT),
                    new Column("Åtgärd", "measure", Kind.TEXT), new Column("Belopp", "amount", Kind.AMOUNT),
                    new Column("Text", "text", Kind.TEXT))),
            new Table("Väntetidsrapporter", "waitingTimeReports", List.of(
                    new Column("Månad", "month", Kind.MONTH), new Column("Levererad", "deliveredOn", Kind.DATE))),
            // the values the performance thresholds are judged on (without them those conditions cannot be assessed)
            new Table("Indikatorer", "indicators", List.of(
                    new Column("Indikator", "indicator", Kind.TEXT), new Column("Period", "period", Kind.TEXT),
                    new Column("Värde", "value", Kind.AMOUNT))));

    /** The first sheet: what the workbook is and how to fill it in, in Swedish and English. */
    static final String INSTRUCTIONS_SHEET = "Instruktioner";

    /** The last sheet: the values the drop-down lists offer, with their titles. */
    static final String LISTS_SHEET = "Listor";

    /** A row whose first cell starts with this is an example and is not read. */
    static final String EXAMPLE = "EXEMPEL";

    /** The example row of each sheet (row 2), as the dossier's JSON has it; its first cell is marked {@link #EXAMPLE}. */
    static final Map<String, String> EXAMPLES = Map.of(
            "Åtgärder", "{\"id\": \"A1\", \"title\": \"Kvällsmottagning på vårdcentralen\", \"area\": \"tillganglighet\","
                    + " \"purpose\": \"tillganglighet\", \"amount\": 250000, \"permanent\": false,"
                    + " \"exitPlan\": \"Avslutas när medlen är slut\"}",
            "Fördelningar", "{\"unit\": \"Primärvården\", \"amount\": 1500000, \"purpose\": \"tillganglighet\"}",
            "Avrop", "{\"unit\": \"Primärvården\", \"date\": \"2018-09-30\", \"amount\": 500000}",
            "Händelser", "{\"kind\": \"action-plan-submitted\", \"date\": \"2018-03-31\", \"recipient\": \"SKR\","
                    + " \"reference\": \"Dnr RS 2018/12\"}",
            "Huvudbok", "{\"voucher\": \"A 104233\", \"line\": 1, \"date\": \"2018-05-31\", \"account\": \"5010\","
                    + " \"responsibility\": \"41200\", \"activity\": \"310\", \"object\": \"9916\", \"unit\": \"Primärvården\","
                    + " \"measure\": \"A1\", \"amount\": 3210.40, \"text\": \"Sjuksköterska, kvällsmottagning\"}",
            "Väntetidsrapporter", "{\"month\": \"2018-01\", \"deliveredOn\": \"2018-02-10\"}",
            "Indikatorer", "{\"indicator\": \"svf-andel\", \"period\": \"2023\", \"value\": 0.72}");

    /** The grant sheet's example values, beside the values (column C, not read). */
    static final Map<String, String> GRANT_EXAMPLES = Map.ofEntries(
            Map.entry("region", "23"), Map.entry("agreement", "patientmiljarden-2018"), Map.entry("asOf", "2018-12-31"),
            Map.entry("grant.grantedAmount", "12 600 000,00"), Map.entry("grant.receivedOn", "2018-06-15"),
            Map.entry("grant.category", "2"), Map.entry("grant.costObject", "9916"),
            Map.entry("grant.responsible", "Hälso- och sjukvårdsdirektören"),
            Map.entry("actionPlan.submittedOn", "2018-03-31"), Map.entry("actionPlan.recipient", "SKR"),
            Map.entry("actionPlan.decidedBy", "Regionstyrelsen"), Map.entry("actionPlan.decidedOn", "2018-03-20"),
            Map.entry("steeringGroupAnalysis.date", "2018-11-15"));

    private static final String[] INSTRUCTIONS = {
        "Underlag till Bidragskoll",
        "Fyll i en flik per del av underlaget och ladda upp arbetsboken under Skicka in. Den läses allt eller inget: "
                + "finns ett enda fel sparas ingenting, och varje fel anger flik, rad och kolumn.",
        "Bidrag: ett fält per rad; skriv värdet i kolumn B. Kolumn C visar ett exempel och läses inte.",
        "Övriga flikar: en rad per post under rubrikraden. Ändra inte rubrikerna. Rad 2 är ett exempel "
                + "(första cellen börjar med EXEMPEL) och läses inte; skriv över den eller låt den stå.",
        "Datum som datumceller eller ÅÅÅÅ-MM-DD, månader ÅÅÅÅ-MM, belopp i kronor som tal eller 12 600 000,00, ja/nej som ja eller nej.",
        "Listor: cellerna för överenskommelse, region, typ av händelse, syfte och indikator har rullgardinslistor; "
                + "fliken Listor visar värdena med sina namn.",
        "Händelser: typerna är de händelser som överenskommelserna sätter tidsfrister för. Indikatorer: de värden "
                + "som prestationskraven bedöms på (indikator, period, värde).",
        "",
        "Dossier for Bidragskoll",
        "Fill in one sheet per part of the dossier and upload the workbook under Submit. It is read all or nothing: "
                + "with a single error nothing is stored, and every error names sheet, row and column.",
        "Bidrag (grant): one field a row; write the value in column B. Column C shows an example and is not read.",
        "Other sheets: one row per item below the header row. Do not change the headers. Row 2 is an example "
                + "(its first cell starts with EXEMPEL) and is not read; overwrite it or leave it.",
        "Dates as date cells or YYYY-MM-DD, months YYYY-MM, amounts in kronor as numbers or 12 600 000,00, yes/no as ja or nej.",
        "Lists: the cells for agreement, region, event kind, purpose and indicator have drop-down lists; the sheet "
                + "Listor shows the values with their names.",
    };

    /** A drop-down list: the column it fills (sheet, header) and the values, each with its name. */
    record Choices(String title, List<String[]> values) {
    }

    private static final String MONEY = "#,##0.00";
    private static final String DATE = "yyyy-mm-dd";
    private static final int MAX_ERRORS = 100;

    @Inject
    ObjectMapper json;

    @Inject
    RuleSetHolder rules;

    /** What the drop-down lists offer, from the rule set in use: agreements, regions, event kinds, purposes, indicators. */
    Map<String, Choices> choices() {
        RuleSet set = rules.current();
        Map<String, Choices> lists = new java.util.LinkedHashMap<>();
        lists.put("agreement", new Choices("Överenskommelse", set.agreements().values().stream()
                .sorted(java.util.Comparator.comparing(AgreementDef::id))
                .map(a -> new String[]{a.id(), a.title().sv()}).toList()));
        lists.put("region", new Choices("Region (länskod)", Regions.all().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).map(e -> new String[]{e.getKey(), e.getValue()}).toList()));
        lists.put("kind", new Choices("Typ av händelse", DossierValidator.EVENT_KINDS.stream()
                .map(k -> new String[]{k, eventKind(k)}).toList()));
        Map<String, String> purposes = new java.util.TreeMap<>();
        Map<String, String> indicators = new java.util.TreeMap<>();
        for (AgreementDef a : set.agreements().values()) {
            for (ConditionSpec c : a.conditionList()) {
                JsonNode listed = c.params() == null ? null : c.params().get("purposes");
                if (listed != null && listed.isArray()) {
                    listed.forEach(p -> purposes.putIfAbsent(p.path("id").asText(), p.path("title").asText("")));
                }
                JsonNode indicator = c.params() == null ? null : c.params().get("indicator");
                if (indicator != null && indicator.isTextual()) {
                    JsonNode title = c.params().get("title");
                    indicators.putIfAbsent(indicator.asText(), title == null ? "" : title.asText(""));
                }
            }
        }
        purposes.remove("");
        lists.put("purpose", new Choices("Syfte", purposes.entrySet().stream().map(e -> new String[]{e.getKey(), e.getValue()}).toList()));
        lists.put("indicator", new Choices("Indikator", indicators.entrySet().stream()
                .map(e -> new String[]{e.getKey(), e.getValue()}).toList()));
        return lists;
    }

    private static String eventKind(String kind) {
        return switch (kind) {
            case "action-plan-submitted" -> "Handlingsplan inskickad";
            case "report-submitted" -> "Redovisning inskickad";
            case "financial-report-submitted" -> "Ekonomisk redovisning inskickad";
            case "payment-requested" -> "Utbetalning begärd";
            case "repayment-made" -> "Återbetalning gjord";
            case "application-submitted" -> "Ansökan inskickad";
            default -> kind;
        };
    }

    /** The workbook, empty or filled with a stored dossier. */
    public Response download(Dossier dossier, String name) {
        JsonNode tree = dossier == null ? json.createObjectNode() : json.valueToTree(dossier);
        Map<String, Choices> lists = choices();
        StreamingOutput body = out -> {
            Workbook workbook = new Workbook(out, "Bidragskoll", "1.0");
            Worksheet help = workbook.newWorksheet(INSTRUCTIONS_SHEET);
            help.width(0, 120);
            for (int i = 0; i < INSTRUCTIONS.length; i++) {
                help.value(i, 0, INSTRUCTIONS[i]);
                help.style(i, 0).wrapText(true).set();
            }
            help.style(0, 0).bold().fontSize(14).set();
            help.style(8, 0).bold().fontSize(14).set();
            Worksheet grant = workbook.newWorksheet(GRANT_SHEET);
            // the lists live on the last sheet; the validations refer to it by name
            Map<String, String> listRanges = new java.util.HashMap<>();
            int listColumn = 0;
            for (Map.Entry<String, Choices> e : lists.entrySet()) {
                int size = Math.max(1, e.getValue().values().size());
                listRanges.put(e.getKey(), "'" + LISTS_SHEET + "'!$" + letter(listColumn) + "$2:$" + letter(listColumn) + "$" + (size + 1));
                listColumn += 3;
            }
            grant.value(0, 0, "Fält");
            grant.value(0, 1, "Värde");
            grant.value(0, 2, "Exempel (läses inte)");
            grant.style(0, 0).bold().set();
            grant.style(0, 1).bold().set();
            grant.style(0, 2).bold().set();
            for (int i = 0; i < GRANT.size(); i++) {
                Column c = GRANT.get(i);
                grant.value(i + 1, 0, c.header());
                write(grant, i + 1, 1, c.kind(), at(tree, c.field()));
                grant.value(i + 1, 2, GRANT_EXAMPLES.getOrDefault(c.field(), ""));
                grant.style(i + 1, 2).italic().fontColor("808080").set();
                String list = "region".equals(c.field()) ? "region" : "agreement".equals(c.field()) ? "agreement" : null;
                if (list != null) {
                    dropDown(grant, i + 1, i + 1, 1, listRanges.get(list), true);
                }
            }
            grant.width(0, 30);
            grant.width(1, 40);
            grant.width(2, 34);
            for (Table table : TABLES) {
                Worksheet sheet = workbook.newWorksheet(table.sheet());
                for (int c = 0; c < table.columns().size(); c++) {
                    sheet.value(0, c, table.columns().get(c).header());
                    sheet.style(0, c).bold().fillColor("DDEBF7").set();
                    sheet.width(c, Math.max(12, table.columns().get(c).header().length() + 4));
                }
                sheet.freezePane(0, 1);
                JsonNode example = example(table.sheet());
                for (int c = 0; c < table.columns().size(); c++) {
                    Column column = table.columns().get(c);
                    if (c == 0) {
                        sheet.value(1, 0, EXAMPLE + ": " + example.path(column.field()).asText());
                    } else {
                        write(sheet, 1, c, column.kind(), example.path(column.field()));
                    }
                    sheet.style(1, c).italic().fontColor("808080").set();
                }
                int row = 2;
                for (JsonNode item : at(tree, table.path())) {
                    for (int c = 0; c < table.columns().size(); c++) {
                        Column column = table.columns().get(c);
                        write(sheet, row, c, column.kind(), item.path(column.field()));
                    }
                    row++;
                }
                int last = Math.max(row + 500, 1000);
                for (int c = 0; c < table.columns().size(); c++) {
                    String field = table.columns().get(c).field();
                    String list = switch (table.path() + "." + field) {
                        case "events.kind" -> "kind";
                        case "actionPlan.measures.purpose", "allocations.purpose" -> "purpose";
                        case "indicators.indicator" -> "indicator";
                        default -> null;
                    };
                    if (list != null) {
                        // event kinds are all the validator takes; purposes and indicators are the agreements' own
                        dropDown(sheet, 2, last, c, listRanges.get(list), "kind".equals(list));
                    }
                }
            }
            Worksheet listSheet = workbook.newWorksheet(LISTS_SHEET);
            int col = 0;
            for (Choices choices : lists.values()) {
                listSheet.value(0, col, choices.title());
                listSheet.value(0, col + 1, "Namn");
                listSheet.style(0, col).bold().set();
                listSheet.style(0, col + 1).bold().set();
                for (int i = 0; i < choices.values().size(); i++) {
                    listSheet.value(i + 1, col, choices.values().get(i)[0]);
                    listSheet.value(i + 1, col + 1, choices.values().get(i)[1]);
                }
                listSheet.width(col, 26);
                listSheet.width(col + 1, 40);
                col += 3;
            }
            workbook.finish();
        };
        return Response.ok(body, XLSX).header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"").build();
    }

    private JsonNode example(String sheet) {
        try {
            return json.readTree(EXAMPLES.getOrDefault(sheet, "{}"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A drop-down list on the cells of a column, from a range of the lists sheet; a value outside it is refused or warned of. */
    private static void dropDown(Worksheet sheet, int firstRow, int lastRow, int col, String listRange, boolean strict) {
        sheet.range(firstRow, col, lastRow, col).validateWithListByFormula(listRange)
                .allowBlank(true)
                .errorStyle(strict ? org.dhatim.fastexcel.DataValidationErrorStyle.STOP
                        : org.dhatim.fastexcel.DataValidationErrorStyle.WARNING)
                .showErrorMessage(true)
                .errorTitle(strict ? "Okänt värde" : "Inte i listan")
                .error(strict ? "Välj ett värde i listan (fliken Listor)." 
                        : "Värdet finns inte i listan (fliken Listor). Kontrollera att det är överenskommelsens eget.");
    }

    private static void write(Worksheet sheet, int row, int col, Kind kind, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        switch (kind) {
            case AMOUNT -> {
                sheet.value(row, col, value.decimalValue());
                sheet.style(row, col).format(MONEY).set();
            }
            case DATE -> {
                sheet.value(row, col, LocalDate.parse(value.asText()));
                sheet.style(row, col).format(DATE).set();
            }
            case INTEGER -> sheet.value(row, col, value.asLong());
            case YES_NO -> sheet.value(row, col, value.asBoolean() ? "ja" : "nej");
            default -> sheet.value(row, col, value.asText());
        }
    }

    private static JsonNode at(JsonNode tree, String path) {
        JsonNode node = tree;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    /** The dossier in the workbook, or every problem with sheet, row and column. */
    public Dossier read(Path file) {
        List<FieldError> errors = new ArrayList<>();
        ObjectNode tree = json.createObjectNode();
        SpreadsheetGuard.check(file, "arbetsbok");
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile())) {
            Optional<Sheet> grant = workbook.findSheet(GRANT_SHEET);
            if (grant.isEmpty()) {
                errors.add(error(GRANT_SHEET, 0, null, "Fliken saknas.", "The sheet is missing."));
            } else {
                readGrant(grant.get(), tree, errors);
            }
            for (Table table : TABLES) {
                Optional<Sheet> sheet = workbook.findSheet(table.sheet());
                if (sheet.isPresent()) {
                    readTable(sheet.get(), table, tree, errors);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException bad) {
                throw bad;
            }
            throw BadInputException.of("arbetsbok", "Filen går inte att läsa som en Excel-arbetsbok (.xlsx).",
                    "The file cannot be read as an Excel workbook (.xlsx).");
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors.subList(0, Math.min(MAX_ERRORS, errors.size())));
        }
        try {
            return json.treeToValue(tree, Dossier.class);
        } catch (JsonProcessingException e) {
            throw BadInputException.of("arbetsbok", "Arbetsboken gick inte att läsa som ett underlag: " + e.getOriginalMessage(),
                    "The workbook could not be read as a dossier: " + e.getOriginalMessage());
        }
    }

    private void readGrant(Sheet sheet, ObjectNode tree, List<FieldError> errors) throws IOException {
        for (Row row : sheet.read()) {
            if (row.getRowNum() == 1) {
                continue;
            }
            String label = text(row.getOptionalCell(0).orElse(null));
            if (label == null) {
                continue;
            }
            Optional<Column> column = GRANT.stream().filter(c -> c.header().equalsIgnoreCase(label.strip())).findFirst();
            if (column.isEmpty()) {
                errors.add(error(GRANT_SHEET, row.getRowNum(), "A", "Okänt fält \"" + label + "\".",
                        "Unknown field \"" + label + "\"."));
                continue;
            }
            JsonNode value = value(row.getOptionalCell(1).orElse(null), column.get(), GRANT_SHEET, row.getRowNum(), 1, errors);
            if (value != null) {
                put(tree, column.get().field(), value);
            }
        }
    }

    private void readTable(Sheet sheet, Table table, ObjectNode tree, List<FieldError> errors) throws IOException {
        if (table.path().equals("events") && !dossierHas("events")) {
            for (Row row : sheet.read()) {
                if (row.getRowNum() > 1 && !blank(row)) {
                    errors.add(error(table.sheet(), row.getRowNum(), null,
                            "Händelser tas inte emot ännu av den här versionen; lämna fliken tom.",
                            "Events are not taken by this version yet; leave the sheet empty."));
                    return;
                }
            }
            return;
        }
        ArrayNode items = json.createArrayNode();
        for (Row row : sheet.read()) {
            if (row.getRowNum() == 1) {
                for (int c = 0; c < table.columns().size(); c++) {
                    String header = text(row.getOptionalCell(c).orElse(null));
                    String expected = table.columns().get(c).header();
                    if (header == null || !header.strip().equalsIgnoreCase(expected)) {
                        errors.add(error(table.sheet(), 1, letter(c), "Rubriken ska vara \"" + expected + "\".",
                                "The header must be \"" + expected + "\"."));
                    }
                }
                continue;
            }
            if (blank(row) || example(row)) {
                continue;
            }
            ObjectNode item = items.addObject();
            for (int c = 0; c < table.columns().size(); c++) {
                Column column = table.columns().get(c);
                JsonNode value = value(row.getOptionalCell(c).orElse(null), column, table.sheet(), row.getRowNum(), c, errors);
                if (value != null) {
                    item.set(column.field(), value);
                }
            }
        }
        if (!items.isEmpty()) {
            put(tree, table.path(), items);
        }
    }

    private JsonNode value(Cell cell, Column column, String sheet, int row, int col, List<FieldError> errors) {
        if (cell == null || cell.getType() == CellType.EMPTY || text(cell) == null) {
            return null;
        }
        String raw = text(cell).strip();
        try {
            return switch (column.kind()) {
                case TEXT -> json.getNodeFactory().textNode(cell.getType() == CellType.NUMBER
                        ? cell.asNumber().stripTrailingZeros().toPlainString() : raw);
                case AMOUNT -> {
                    BigDecimal amount = cell.getType() == CellType.NUMBER ? cell.asNumber()
                            : new BigDecimal(raw.replace("\u00a0", "").replace(" ", "").replace(",", "."));
                    yield json.getNodeFactory().numberNode(amount);
                }
                case INTEGER -> json.getNodeFactory().numberNode(cell.getType() == CellType.NUMBER
                        ? cell.asNumber().intValueExact() : Integer.parseInt(raw));
                case DATE -> json.getNodeFactory().textNode((cell.getType() == CellType.NUMBER
                        ? cell.asDate().toLocalDate() : LocalDate.parse(raw)).toString());
                case MONTH -> json.getNodeFactory().textNode(cell.getType() == CellType.NUMBER
                        ? YearMonth.from(cell.asDate()).toString() : YearMonth.parse(raw).toString());
                case YES_NO -> switch (raw.toLowerCase(Locale.ROOT)) {
                    case "ja", "yes", "true", "sant" -> json.getNodeFactory().booleanNode(true);
                    case "nej", "no", "false", "falskt" -> json.getNodeFactory().booleanNode(false);
                    default -> throw new IllegalArgumentException();
                };
            };
        } catch (ArithmeticException | IllegalArgumentException | DateTimeParseException e) {
            String[] expected = switch (column.kind()) {
                case AMOUNT -> new String[]{"inget belopp", "not an amount"};
                case INTEGER -> new String[]{"inget heltal", "not a whole number"};
                case DATE -> new String[]{"inget datum (ÅÅÅÅ-MM-DD)", "not a date (YYYY-MM-DD)"};
                case MONTH -> new String[]{"ingen månad (ÅÅÅÅ-MM)", "not a month (YYYY-MM)"};
                case YES_NO -> new String[]{"varken ja eller nej", "neither yes nor no"};
                default -> new String[]{"ogiltigt", "not valid"};
            };
            errors.add(error(sheet, row, letter(col) + " (" + column.header() + ")",
                    "\"" + raw + "\" är " + expected[0] + ".", "\"" + raw + "\" is " + expected[1] + "."));
            return null;
        }
    }

    private static String text(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return null;
        }
        String text = cell.getType() == CellType.NUMBER ? cell.getRawValue() : cell.getText();
        return text == null || text.isBlank() ? null : text;
    }

    /** The example row of a sheet (first cell "EXEMPEL: …"): shown to help, never read. */
    private static boolean example(Row row) {
        String first = text(row.getOptionalCell(0).orElse(null));
        return first != null && first.strip().toUpperCase(Locale.ROOT).startsWith(EXAMPLE);
    }

    private static boolean blank(Row row) {
        return row.stream().allMatch(c -> c == null || text(c) == null);
    }

    private static void put(ObjectNode tree, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }

    private static boolean dossierHas(String component) {
        return Arrays.stream(Dossier.class.getRecordComponents()).anyMatch(c -> c.getName().equals(component));
    }

    static String letter(int column) {
        return String.valueOf((char) ('A' + column));
    }

    /** {@code Avrop, rad 4, kolumn B (Datum)}: where, as the controller sees it in the workbook. */
    private static FieldError error(String sheet, int row, String column, String sv, String en) {
        String where = sheet + (row > 0 ? ", rad " + row : "") + (column == null ? "" : ", kolumn " + column);
        return new FieldError(where, Text.of(sv, en));
    }

}
