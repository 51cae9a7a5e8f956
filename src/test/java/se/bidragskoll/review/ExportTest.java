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
            assertEquals("Belopp (kr)", rows.get(0).getCellText(4));
            BigDecimal sum = BigDecimal.ZERO;
            for (Row row : rows.subList(1, rows.size() - 1)) {
                if (row.getCellAsNumber(4).isPresent()) {
                    sum = sum.add(row.getCellAsNumber(4).get());
                }
            }
            assertEquals(0, expected.compareTo(sum), "findings add up to " + sum + ", report says " + expected);
            Row total = rows.get(rows.size() - 1);
            assertEquals("Summa", total.getCellText(3));
            assertEquals(0, expected.compareTo(total.getCellAsNumber(4).orElseThrow()));
            assertTrue(workbook.getSheets().map(Sheet::getName).collect(Collectors.toList()).contains("Villkor"));
        }
        String csv = new String(given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING)
                .get("/api/v1/dossiers/" + id + "/report.csv").then().statusCode(200).extract().asByteArray(),
                StandardCharsets.UTF_8);
        assertTrue(csv.contains("Fynd;Villkor;Allvarlighet") && csv.contains("FIN-PLAN-TOTAL;INFO") && csv.contains("600000,00"), csv);
    }

    @Test
    void shouldExportTheReviewQueueAsXlsx() throws Exception {
        given().auth().preemptive().basic("kontroller-ovriga", "kontroller-ovriga").contentType(ContentType.JSON)
                .body(Fixtures.read(Fixtures.VASTMANLAND).replace("\"region\": \"19\"", "\"region\": \"08\""))
                .post("/api/v1/dossiers").then().statusCode(201);
        byte[] xlsx = given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING)
                .get("/api/v1/findings/export.xlsx?region=08").then().statusCode(200).extract().asByteArray();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertEquals("Belopp (kr)", rows.get(0).getCellText(7));
            assertEquals("FIN-ALLOCATION-CEILING", rows.get(1).getCellText(4));
            assertEquals(0, new BigDecimal("1080000").compareTo(rows.get(1).getCellAsNumber(7).orElseThrow()));
        }
    }
}
