package se.bidragskoll.web;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Dossier workbooks as a controller fills them in: Region Jämtland Härjedalen, Patientmiljarden 2018. */
final class Workbooks {

    private Workbooks() {
    }

    /** The grant, two measures and two ledger lines, one of them on objekt 9920; the granted amount as given. */
    static void jamtland(Path file, String granted) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "Excel", "1.0");
            Worksheet grant = workbook.newWorksheet("Bidrag");
            String[][] rows = {{"Fält", "Värde"}, {"Region (länskod)", "23"}, {"Överenskommelse", "patientmiljarden-2018"}};
            for (int r = 0; r < rows.length; r++) {
                grant.value(r, 0, rows[r][0]);
                grant.value(r, 1, rows[r][1]);
            }
            grant.value(3, 0, "Bedöms per datum");
            grant.value(3, 1, LocalDate.of(2018, 6, 30));
            grant.style(3, 1).format("yyyy-mm-dd").set();
            grant.value(4, 0, "Beviljat belopp");
            if (granted.matches("[0-9.]+")) {
                grant.value(4, 1, new BigDecimal(granted));
            } else {
                grant.value(4, 1, granted);
            }
            grant.value(5, 0, "Medlen mottagna");
            grant.value(5, 1, "2018-06-15");
            grant.value(6, 0, "Kategori");
            grant.value(6, 1, 2);
            grant.value(7, 0, "Objekt");
            grant.value(7, 1, "9916");
            grant.value(8, 0, "Handlingsplan inskickad");
            grant.value(8, 1, LocalDate.of(2018, 4, 13));
            grant.value(9, 0, "Handlingsplan skickad till");
            grant.value(9, 1, "SKL");

            Worksheet measures = workbook.newWorksheet("Åtgärder");
            header(measures, "Id", "Titel", "Område", "Syfte", "Belopp", "Permanent (ja/nej)", "Avvecklingsplan");
            measures.value(1, 0, "VG-01");
            measures.value(1, 1, "Uppföljning av utökad vårdgaranti, datalager");
            measures.value(1, 2, "forstarkt-vardgaranti");
            measures.value(1, 4, 2_500_000);
            measures.value(1, 5, "nej");
            measures.value(2, 0, "PK-01");
            measures.value(2, 1, "Patientkontrakt i form av sammanhållen vårdplan");
            measures.value(2, 2, "patientkontrakt");
            measures.value(2, 4, 3_000_000);
            measures.value(2, 5, "nej");

            Worksheet ledger = workbook.newWorksheet("Huvudbok");
            header(ledger, "Verifikation", "Rad", "Bokföringsdatum", "Konto", "Ansvar", "Verksamhet", "Objekt", "Enhet",
                    "Åtgärd", "Belopp", "Text");
            Object[][] lines = {
                    {"A 104233", 1, LocalDate.of(2018, 5, 31), "4011", "31240", "1120", "9916", "PPHV", "VG-01", "48650", "Uppföljningsanalytiker maj"},
                    {"A 104233", 2, LocalDate.of(2018, 5, 31), "4061", "31240", "1120", "9920", "PPHV", "VG-01", "3210.40", "Uppföljningsanalytiker semesterlön"}};
            for (int r = 0; r < lines.length; r++) {
                for (int c = 0; c < lines[r].length; c++) {
                    Object v = lines[r][c];
                    if (v instanceof LocalDate d) {
                        ledger.value(r + 1, c, d);
                        ledger.style(r + 1, c).format("yyyy-mm-dd").set();
                    } else if (v instanceof Integer i) {
                        ledger.value(r + 1, c, i);
                    } else if (c == 9) {
                        ledger.value(r + 1, c, new BigDecimal((String) v));
                    } else {
                        ledger.value(r + 1, c, (String) v);
                    }
                }
            }
            workbook.finish();
        }
    }

    private static void header(Worksheet sheet, String... headers) {
        for (int c = 0; c < headers.length; c++) {
            sheet.value(0, c, headers[c]);
        }
    }
}
