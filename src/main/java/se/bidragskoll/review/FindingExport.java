package se.bidragskoll.review;

import de.siegmar.fastcsv.writer.CsvWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import se.bidragskoll.api.CsvCells;
import se.bidragskoll.api.SheetFormats;
import org.dhatim.fastexcel.Worksheet;
import se.bidragskoll.api.Labels;

/** The review queue as a spreadsheet: Swedish column names, amounts as numbers in kronor. */
@ApplicationScoped
public class FindingExport {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String[] COLUMNS = {"Fynd", "Underlag", "Region", "Överenskommelse", "Villkor", "Allvarlighet",
            "Status", "Belopp (kr)", "Meddelande", "Källa", "Öppnat", "Undantag till", "Kommentar"};

    public Response queue(List<FindingView> items, String format) {
        return queue(items, format, java.util.Map.of(), java.time.Instant.now());
    }

    /**
     * The queue as CSV or XLSX; the workbook opens with a title block saying what it is, when it was
     * taken and with which filters ({@code filters}: label → value as people read them).
     */
    public Response queue(List<FindingView> items, String format, java.util.Map<String, String> filters,
                          java.time.Instant at) {
        if ("xlsx".equals(format)) {
            StreamingOutput body = out -> xlsx(items, out, filters, at);
            return Response.ok(body, XLSX).header("Content-Disposition", "attachment; filename=\"granskning.xlsx\"").build();
        }
        StreamingOutput body = out -> csv(items, out);
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"granskning.csv\"").build();
    }

    static void csv(List<FindingView> items, OutputStream out) throws IOException {
        out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        try (CsvWriter csv = CsvWriter.builder().fieldSeparator(';')
                .build(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            csv.writeRecord(COLUMNS);
            for (FindingView f : items) {
                csv.writeRecord(CsvCells.safe(java.util.Arrays.asList(f.id(), f.dossier() != null ? f.dossier() : f.plan(),
                        f.region() + " " + f.regionName(), f.agreement(), f.code(),
                        f.severity(), f.status(), f.amount() == null ? "" : f.amount().toPlainString().replace('.', ','),
                        f.message(), f.source() == null ? "" : f.source().document(), f.openedAt().toString(),
                        f.waivedUntil() == null ? "" : f.waivedUntil().toString(),
                        f.lastComment() == null ? "" : f.lastComment())));
            }
        }
    }

    static void xlsx(List<FindingView> items, OutputStream out) {
        xlsx(items, out, java.util.Map.of(), java.time.Instant.now());
    }

    private static final java.time.ZoneId STOCKHOLM = java.time.ZoneId.of("Europe/Stockholm");

    static void xlsx(List<FindingView> items, OutputStream out, java.util.Map<String, String> filters, java.time.Instant at) {
        try {
            Workbook workbook = new Workbook(out, "Bidragskoll", "1.0");
            Worksheet sheet = workbook.newWorksheet("Granskning");
            sheet.value(0, 0, "Granskningskö från Bidragskoll");
            sheet.style(0, 0).bold().fontSize(14).set();
            sheet.value(1, 0, "Uttagen");
            sheet.style(1, 0).bold().set();
            sheet.value(1, 1, at.atZone(STOCKHOLM).toLocalDateTime());
            sheet.style(1, 1).format(SheetFormats.DATE_TIME).horizontalAlignment("left").set();
            sheet.value(2, 0, "Fynd");
            sheet.style(2, 0).bold().set();
            sheet.value(2, 1, items.size());
            sheet.style(2, 1).horizontalAlignment("left").set();
            int row = 3;
            for (var f : filters.entrySet()) {
                sheet.value(row, 0, f.getKey());
                sheet.style(row, 0).bold().set();
                sheet.value(row, 1, f.getValue());
                row++;
            }
            if (filters.isEmpty()) {
                sheet.value(row, 0, "Filter");
                sheet.style(row, 0).bold().set();
                sheet.value(row, 1, "inga (alla fynd du får se)");
                row++;
            }
            int header = row + 1;
            for (int c = 0; c < COLUMNS.length; c++) {
                sheet.value(header, c, COLUMNS[c]);
                sheet.style(header, c).bold().fillColor("DDEBF7").set();
            }
            sheet.freezePane(0, header + 1);
            row = header + 1;
            BigDecimal total = BigDecimal.ZERO;
            for (FindingView f : items) {
                sheet.value(row, 0, f.id());
                sheet.value(row, 1, f.dossier() != null ? f.dossier() : f.plan());
                sheet.value(row, 2, f.region() + " " + f.regionName());
                sheet.value(row, 3, f.agreement());
                sheet.value(row, 4, f.code());
                sheet.value(row, 5, Labels.swedish(f.severity()));
                sheet.value(row, 6, Labels.swedish(f.status()));
                if (f.amount() != null) {
                    sheet.value(row, 7, f.amount());
                    sheet.style(row, 7).format(SheetFormats.MONEY).set();
                    total = total.add(f.amount());
                }
                sheet.value(row, 8, f.message());
                sheet.value(row, 9, f.source() == null ? null : f.source().document());
                if (f.openedAt() != null) {
                    sheet.value(row, 10, f.openedAt().atZone(STOCKHOLM).toLocalDateTime());
                    sheet.style(row, 10).format(SheetFormats.DATE_TIME).set();
                }
                if (f.waivedUntil() != null) {
                    sheet.value(row, 11, f.waivedUntil());
                    sheet.style(row, 11).format(SheetFormats.DATE).set();
                }
                sheet.value(row, 12, f.lastComment());
                row++;
            }
            if (row > header + 1) {
                sheet.setAutoFilter(header, 0, row - 1, COLUMNS.length - 1);
            }
            sheet.value(row, 6, "Summa");
            sheet.style(row, 6).bold().set();
            sheet.value(row, 7, total);
            sheet.style(row, 7).bold().format(SheetFormats.MONEY).set();
            double[] widths = {20, 20, 26, 24, 26, 14, 14, 18, 70, 30, 17, 13, 30};
            for (int c = 0; c < widths.length; c++) {
                sheet.width(c, widths[c]);
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
