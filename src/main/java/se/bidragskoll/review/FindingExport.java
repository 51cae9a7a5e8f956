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

/** The review queue as a spreadsheet: Swedish column names, amounts as numbers in kronor. */
@ApplicationScoped
public class FindingExport {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String[] COLUMNS = {"Fynd", "Underlag", "Region", "Överenskommelse", "Villkor", "Allvarlighet",
            "Status", "Belopp (kr)", "Meddelande", "Källa", "Öppnat", "Undantag till", "Kommentar"};

    public Response queue(List<FindingView> items, String format) {
        if ("xlsx".equals(format)) {
            StreamingOutput body = out -> xlsx(items, out);
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
        try {
            Workbook workbook = new Workbook(out, "Bidragskoll", "1.0");
            Worksheet sheet = workbook.newWorksheet("Granskning");
            for (int c = 0; c < COLUMNS.length; c++) {
                sheet.value(0, c, COLUMNS[c]);
                sheet.style(0, c).bold().set();
            }
            int row = 1;
            BigDecimal total = BigDecimal.ZERO;
            for (FindingView f : items) {
                sheet.value(row, 0, f.id());
                sheet.value(row, 1, f.dossier() != null ? f.dossier() : f.plan());
                sheet.value(row, 2, f.region() + " " + f.regionName());
                sheet.value(row, 3, f.agreement());
                sheet.value(row, 4, f.code());
                sheet.value(row, 5, f.severity());
                sheet.value(row, 6, f.status());
                if (f.amount() != null) {
                    sheet.value(row, 7, f.amount());
                    sheet.style(row, 7).format(SheetFormats.MONEY).set();
                    total = total.add(f.amount());
                }
                sheet.value(row, 8, f.message());
                sheet.value(row, 9, f.source() == null ? null : f.source().document());
                sheet.value(row, 10, f.openedAt().toString());
                sheet.value(row, 11, f.waivedUntil() == null ? null : f.waivedUntil().toString());
                sheet.value(row, 12, f.lastComment());
                row++;
            }
            sheet.value(row, 6, "Summa");
            sheet.style(row, 6).bold().set();
            sheet.value(row, 7, total);
            sheet.style(row, 7).bold().format(SheetFormats.MONEY).set();
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
