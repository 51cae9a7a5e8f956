package se.bidragskoll.dossier;

import com.fasterxml.jackson.databind.JsonNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import se.bidragskoll.api.Labels;
import se.bidragskoll.api.CsvCells;
import se.bidragskoll.api.SheetFormats;

/**
 * A dossier's report as a spreadsheet: the conditions and the findings, Swedish columns, amounts in
 * kronor. The workbook opens with a title block (region, agreement, asOf, outcome, rule set), its
 * header frozen and filterable, Swedish labels and real dates; the CSV has a row per condition
 * followed by its findings, with the codes as the API gives them.
 */
public final class ReportExport {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final String MONEY = SheetFormats.MONEY;
    private static final String DATE = "yyyy-mm-dd";
    private static final String[] FINDINGS = {"Fynd", "Villkor", "Allvarlighet", "Meddelande", "Belopp (kr)",
            "Underlag", "Källa", "Klausul", "Fingeravtryck"};
    private static final String[] CONDITIONS = {"Villkor", "Beskrivning", "Resultat", "Kommentar", "Förfaller",
            "Fynd"};
    /** The CSV's columns: the condition, then a finding's (empty on a condition's row). */
    private static final String[] CSV = {"Typ", "Villkor", "Resultat", "Beskrivning", "Fynd", "Villkor",
            "Allvarlighet", "Meddelande", "Belopp (kr)", "Underlag", "Källa", "Klausul", "Fingeravtryck"};

    private ReportExport() {
    }

    public static Response of(JsonNode report, String format) {
        String name = "rapport-" + report.path("region").asText() + "-" + report.path("agreement").asText();
        if ("xlsx".equals(format)) {
            StreamingOutput body = out -> {
                Workbook workbook = new Workbook(out, "Bidragskoll", "1.0");
                Worksheet findings = workbook.newWorksheet("Fynd");
                int header = titleBlock(findings, report);
                header(findings, header, FINDINGS);
                int row = header + 1;
                BigDecimal total = BigDecimal.ZERO;
                for (JsonNode f : report.path("findings")) {
                    List<String> cells = findingCells(f);
                    for (int c = 0; c < cells.size(); c++) {
                        if (c == 4) {
                            if (f.hasNonNull("amount")) {
                                BigDecimal amount = f.get("amount").decimalValue();
                                findings.value(row, c, amount);
                                findings.style(row, c).format(MONEY).set();
                                total = total.add(amount);
                            }
                        } else if (c == 2) {
                            findings.value(row, c, Labels.swedish(cells.get(c)));
                        } else {
                            findings.value(row, c, cells.get(c));
                        }
                    }
                    row++;
                }
                if (row > header + 1) {
                    findings.setAutoFilter(header, 0, row - 1, FINDINGS.length - 1);
                }
                findings.value(row, 3, "Summa");
                findings.value(row, 4, total);
                findings.style(row, 4).bold().format(MONEY).set();
                widths(findings, 10, 24, 12, 70, 16, 24, 30, 50, 20);

                Worksheet conditions = workbook.newWorksheet("Villkor");
                header = titleBlock(conditions, report);
                header(conditions, header, CONDITIONS);
                row = header + 1;
                for (JsonNode c : report.path("conditions")) {
                    conditions.value(row, 0, c.path("code").asText());
                    conditions.value(row, 1, c.path("title").asText());
                    conditions.value(row, 2, Labels.swedish(c.path("result").asText()));
                    conditions.value(row, 3, c.path("detail").asText(""));
                    LocalDate due = date(c.path("dueOn"));
                    if (due != null) {
                        conditions.value(row, 4, due);
                        conditions.style(row, 4).format(DATE).set();
                    }
                    if (c.path("findings").size() > 0) {
                        conditions.value(row, 5, c.path("findings").size());
                    }
                    row++;
                }
                if (row > header + 1) {
                    conditions.setAutoFilter(header, 0, row - 1, CONDITIONS.length - 1);
                }
                widths(conditions, 28, 60, 18, 60, 12, 8);
                workbook.finish();
            };
            return Response.ok(body, XLSX).header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"").build();
        }
        StreamingOutput body = out -> {
            out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            try (CsvWriter csv = CsvWriter.builder().fieldSeparator(';')
                    .build(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
                csv.writeRecord(CSV);
                List<JsonNode> unplaced = new ArrayList<>();
                report.path("findings").forEach(unplaced::add);
                for (JsonNode c : report.path("conditions")) {
                    List<String> cells = new ArrayList<>(List.of("Villkor", c.path("code").asText(),
                            c.path("result").asText(), c.path("title").asText()));
                    while (cells.size() < CSV.length) {
                        cells.add("");
                    }
                    csv.writeRecord(CsvCells.safe(cells));
                    for (JsonNode f : report.path("findings")) {
                        if (f.path("code").asText().equals(c.path("code").asText())) {
                            csv.writeRecord(CsvCells.safe(findingRow(c.path("code").asText(), f)));
                            unplaced.remove(f);
                        }
                    }
                }
                for (JsonNode f : unplaced) {
                    csv.writeRecord(CsvCells.safe(findingRow(f.path("code").asText(), f)));
                }
            }
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
    }

    private static List<String> findingRow(String code, JsonNode f) {
        List<String> cells = new ArrayList<>(List.of("Fynd", code, "", ""));
        cells.addAll(findingCells(f));
        return cells;
    }

    /** Rows 0–6: what the report is about; returns the row of the table's header. */
    private static int titleBlock(Worksheet sheet, JsonNode report) {
        sheet.value(0, 0, "Rapport från Bidragskoll");
        sheet.style(0, 0).bold().fontSize(14).set();
        String region = report.path("region").asText()
                + (report.hasNonNull("regionName") ? " " + report.get("regionName").asText() : "");
        label(sheet, 1, "Region", region);
        label(sheet, 2, "Överenskommelse", report.path("agreement").asText());
        sheet.value(3, 0, "Per datum");
        sheet.style(3, 0).bold().set();
        LocalDate asOf = date(report.path("asOf"));
        if (asOf != null) {
            sheet.value(3, 1, asOf);
            sheet.style(3, 1).format(DATE).horizontalAlignment("left").set();
        }
        label(sheet, 4, "Utfall", Labels.swedish(report.path("outcome").asText()));
        label(sheet, 5, "Regeluppsättning", report.path("ruleset").path("version").asText());
        sheet.value(6, 0, "Bedömd");
        sheet.style(6, 0).bold().set();
        if (report.hasNonNull("judgedAt")) {
            sheet.value(6, 1, Instant.parse(report.get("judgedAt").asText()).atZone(STOCKHOLM).toLocalDateTime());
            sheet.style(6, 1).format("yyyy-mm-dd hh:mm").horizontalAlignment("left").set();
        }
        return 8;
    }

    private static void label(Worksheet sheet, int row, String label, String value) {
        sheet.value(row, 0, label);
        sheet.style(row, 0).bold().set();
        sheet.value(row, 1, value);
    }

    private static LocalDate date(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isBlank() ? null
                : LocalDate.parse(node.asText());
    }

    private static void header(Worksheet sheet, int row, String[] columns) {
        for (int c = 0; c < columns.length; c++) {
            sheet.value(row, c, columns[c]);
            sheet.style(row, c).bold().fillColor("DDEBF7").set();
        }
        sheet.freezePane(0, row + 1);
    }

    private static void widths(Worksheet sheet, double... widths) {
        for (int c = 0; c < widths.length; c++) {
            sheet.width(c, widths[c]);
        }
    }

    private static List<String> findingCells(JsonNode f) {
        List<String> facts = new ArrayList<>();
        f.path("facts").forEach(x -> facts.add(x.path("type").asText() + " " + x.path("ref").asText()));
        List<String> cells = new ArrayList<>();
        cells.add(f.path("id").asText());
        cells.add(f.path("code").asText());
        cells.add(f.path("severity").asText());
        cells.add(f.path("message").asText());
        cells.add(f.hasNonNull("amount") ? f.get("amount").decimalValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString().replace('.', ',') : "");
        cells.add(String.join(", ", facts));
        cells.add(f.path("source").path("document").asText());
        cells.add(f.path("source").path("clause").asText());
        cells.add(f.path("fingerprint").asText());
        return cells;
    }

}
