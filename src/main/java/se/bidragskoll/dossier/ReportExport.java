package se.bidragskoll.dossier;

import com.fasterxml.jackson.databind.JsonNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** A dossier's report as a spreadsheet: the conditions and the findings, Swedish columns, amounts in kronor. */
final class ReportExport {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String[] FINDINGS = {"Fynd", "Villkor", "Allvarlighet", "Meddelande", "Belopp (kr)",
            "Underlag", "Källa", "Klausul", "Fingeravtryck"};
    private static final String[] CONDITIONS = {"Villkor", "Beskrivning", "Resultat", "Kommentar"};

    private ReportExport() {
    }

    static Response of(JsonNode report, String format) {
        String name = "rapport-" + report.path("region").asText() + "-" + report.path("agreement").asText();
        if ("xlsx".equals(format)) {
            StreamingOutput body = out -> {
                Workbook workbook = new Workbook(out, "Bidragskoll", "1.0");
                Worksheet findings = workbook.newWorksheet("Fynd");
                header(findings, FINDINGS);
                int row = 1;
                BigDecimal total = BigDecimal.ZERO;
                for (JsonNode f : report.path("findings")) {
                    List<String> cells = findingCells(f);
                    for (int c = 0; c < cells.size(); c++) {
                        if (c == 4) {
                            if (f.hasNonNull("amount")) {
                                BigDecimal amount = f.get("amount").decimalValue();
                                findings.value(row, c, amount);
                                findings.style(row, c).format("#,##0.00 \"kr\"").set();
                                total = total.add(amount);
                            }
                        } else {
                            findings.value(row, c, cells.get(c));
                        }
                    }
                    row++;
                }
                findings.value(row, 3, "Summa");
                findings.value(row, 4, total);
                findings.style(row, 4).bold().format("#,##0.00 \"kr\"").set();
                Worksheet conditions = workbook.newWorksheet("Villkor");
                header(conditions, CONDITIONS);
                row = 1;
                for (JsonNode c : report.path("conditions")) {
                    conditions.value(row, 0, c.path("code").asText());
                    conditions.value(row, 1, c.path("title").asText());
                    conditions.value(row, 2, c.path("result").asText());
                    conditions.value(row, 3, c.path("detail").asText(""));
                    row++;
                }
                workbook.finish();
            };
            return Response.ok(body, XLSX).header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"").build();
        }
        StreamingOutput body = out -> {
            out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            try (CsvWriter csv = CsvWriter.builder().fieldSeparator(';')
                    .build(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
                csv.writeRecord(FINDINGS);
                for (JsonNode f : report.path("findings")) {
                    csv.writeRecord(se.bidragskoll.api.CsvCells.safe(findingCells(f)));
                }
            }
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
    }

    private static void header(Worksheet sheet, String[] columns) {
        for (int c = 0; c < columns.length; c++) {
            sheet.value(0, c, columns[c]);
            sheet.style(0, c).bold().set();
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
