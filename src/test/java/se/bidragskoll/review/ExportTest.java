package se.bidragskoll.review;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;
import se.bidragskoll.TestUsers;

/** Exports open in a spreadsheet program and add up to what the report says. */
@QuarkusTest
class ExportTest {

    @org.junit.jupiter.api.BeforeEach
    void noDefaultUser() {
        io.restassured.RestAssured.authentication = io.restassured.RestAssured.DEFAULT_AUTH;
    }

    @Test
    void shouldExportTheReportAsXlsxWhoseSumMatchesTheReport() throws Exception {
        String body = Fixtures.read(Fixtures.JAMTLAND).replace("\"region\": \"23\"", "\"region\": \"07\"");
        var submitted = given().auth().preemptive().basic("kontroller-ovriga", "kontroller-ovriga")
                .contentType(ContentType.JSON).body(body).post("/api/v1/dossiers").then().statusCode(201).extract();
        String id = submitted.path("dossier");
        List<Float> amounts = submitted.path("findings.amount");
        BigDecimal expected = amounts.stream().filter(a -> a != null).map(a -> new BigDecimal(a.toString()))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, java.math.RoundingMode.HALF_UP);

        byte[] xlsx = given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING)
                .get("/api/v1/dossiers/" + id + "/report.xlsx").then().statusCode(200)
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .extract().asByteArray();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet findings = workbook.getFirstSheet();
            List<Row> rows = findings.read();
            assertEquals("Region", rows.get(1).getCellText(0));
            assertEquals("07", rows.get(1).getCellText(1).substring(0, 2));
            assertEquals("patientmiljarden-2018", rows.get(2).getCellText(1));
            assertEquals(java.time.LocalDate.of(2018, 6, 30),
                    rows.get(3).getCellAsDate(1).orElseThrow().toLocalDate(), "asOf is a date cell");
            assertEquals(se.bidragskoll.api.Labels.swedish(submitted.path("outcome")), rows.get(4).getCellText(1));
            assertTrue(!rows.get(4).getCellText(1).contains("_"), "a label, not the code");
            assertTrue(rows.get(5).getCellText(1).startsWith("sha256:"));
            int header = headerRow(rows, "Fynd");
            assertEquals(9, rows.get(header).getRowNum(), "the table starts below the title block");
            assertEquals("Belopp (kr)", rows.get(header).getCellText(4));
            assertTrue(rows.stream().skip(header + 1).anyMatch(r -> "Information".equals(r.getCellText(2))),
                    "severity as a Swedish label");
            BigDecimal sum = BigDecimal.ZERO;
            for (Row row : rows.subList(header + 1, rows.size() - 1)) {
                if (row.getCellAsNumber(4).isPresent()) {
                    sum = sum.add(row.getCellAsNumber(4).get());
                }
            }
            assertEquals(0, expected.compareTo(sum), "findings add up to " + sum + ", report says " + expected);
            Row total = rows.get(rows.size() - 1);
            assertEquals("Summa", total.getCellText(3));
            assertEquals(0, expected.compareTo(total.getCellAsNumber(4).orElseThrow()));
            assertTrue(workbook.getSheets().map(Sheet::getName).collect(Collectors.toList()).contains("Villkor"));
            List<Row> conditions = workbook.getSheets().filter(sh -> sh.getName().equals("Villkor")).findFirst()
                    .orElseThrow().read();
            int conditionsHeader = headerRow(conditions, "Villkor");
            assertEquals("Resultat", conditions.get(conditionsHeader).getCellText(2));
            List<String> results = conditions.stream().skip(conditionsHeader + 1).map(r -> r.getCellText(2)).toList();
            assertTrue(!results.isEmpty() && results.stream().noneMatch(r -> r.matches("[A-Z_]+")), "labels: " + results);
        }
        String sheetXml = sheetXml(xlsx, "xl/worksheets/sheet1.xml");
        assertTrue(sheetXml.contains("<pane") && sheetXml.contains("ySplit=\"9\"") && sheetXml.contains("state=\"frozen\""),
                "header frozen: " + sheetXml.substring(0, Math.min(600, sheetXml.length())));
        assertTrue(sheetXml.contains("<autoFilter ref=\"A9:"), "autofilter on the header");
        String csv = new String(given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING)
                .get("/api/v1/dossiers/" + id + "/report.csv").then().statusCode(200).extract().asByteArray(),
                StandardCharsets.UTF_8);
        assertTrue(csv.contains("Fynd;Villkor;Allvarlighet") && csv.contains("FIN-PLAN-TOTAL;INFO") && csv.contains("600000,00"), csv);
        assertTrue(csv.contains("\nVillkor;FIN-PLAN-TOTAL;") && csv.contains("\nVillkor;PM-ACTION-PLAN-DEADLINE;"),
                "conditions as well as findings: " + csv);
        assertTrue(csv.indexOf("\nVillkor;FIN-PLAN-TOTAL;") < csv.indexOf("\nFynd;FIN-PLAN-TOTAL;"),
                "a condition's findings follow it");
    }

    @Test
    void shouldWriteBothExportsSoThatAStrictXmlReaderOpensThem() throws Exception {
        String body = Fixtures.read(Fixtures.JAMTLAND).replace("\"region\": \"23\"", "\"region\": \"08\"");
        String id = given().auth().preemptive().basic("kontroller-ovriga", "kontroller-ovriga")
                .contentType(ContentType.JSON).body(body).post("/api/v1/dossiers").then().statusCode(201)
                .extract().path("dossier");
        byte[] report = given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING)
                .get("/api/v1/dossiers/" + id + "/report.xlsx").then().statusCode(200).extract().asByteArray();
        byte[] queue = given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING)
                .get("/api/v1/findings/export.xlsx?region=08").then().statusCode(200).extract().asByteArray();
        for (byte[] xlsx : List.of(report, queue)) {
            List<String> formats = se.bidragskoll.StrictXlsx.check(xlsx);
            assertTrue(formats.contains(se.bidragskoll.api.SheetFormats.MONEY), "amounts in kronor: " + formats);
            try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
                assertTrue(workbook.getFirstSheet().read().size() > 2, "rows to read");
            }
        }
    }

    private static int headerRow(List<Row> rows, String first) {
        for (int i = 0; i < rows.size(); i++) {
            if (first.equals(rows.get(i).getCellText(0))) {
                return i;
            }
        }
        throw new AssertionError("no header row starting with " + first);
    }

    private static String sheetXml(byte[] xlsx, String entry) throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("rapport", ".xlsx");
        try {
            java.nio.file.Files.write(file, xlsx);
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
                return new String(zip.getInputStream(zip.getEntry(entry)).readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
