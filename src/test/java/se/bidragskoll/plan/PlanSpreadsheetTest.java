package se.bidragskoll.plan;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidragskoll.TestUsers;

/** The region plan as the controller's spreadsheet: template, import in mnkr, errors by cell, report export. */
@QuarkusTest
class PlanSpreadsheetTest {

    /** Region Västmanland's 2023 table (seed 003, 5.1.3), in mnkr with one decimal as the seed writes it. */
    static final Object[][] SEED_003 = {
            {"Kvinnosjukvård, specialistvård och primärvård", "kvinnors-halsa-2023", 25.7, 25.7, "ja"},
            {"Psykisk hälsa", "psykisk-halsa-2023", 37.5, 19.7, null},
            {"Kortare väntetider i cancervården", "cancervard-2023", 10.0, 10.0, "ja"},
            {"Sjukskrivningsprocessen/-rehabkoordinator", null, 9.7, 9.7, "ja"},
            {"God och nära vård, primärvård och samverkan med kommunerna", "god-och-nara-vard-2023", 184.7, 82.2, null},
            {"God och nära vård, ambulanssjukvård", "god-och-nara-vard-2023", 2.5, 2.5, null},
            {"Ökad tillgänglighet i hälso- och sjukvården", "okad-tillganglighet-2023", 80.0, 80.0, null},
            {"Vaccination covid-19", "vaccination-covid19-2023", 13.0, 13.0, "nej"},
            {"Återhämtningsbonus", "aterhamtningsbonus-2023", 9.0, 2.8, null},
            {"Flera vårdplatser", "vardplatser-2023", 53.4, 23.2, null},
            {"Ökad läkarkompetens i äldrevården", null, 9.0, 9.0, null}};

    @BeforeEach
    void actAsUser() {
        TestUsers.actAs(TestUsers.CONTROLLER_VM);
    }

    static byte[] workbook(Object[][] lines, String brokenCell) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "test", "1.0");
        Worksheet plan = wb.newWorksheet("Plan");
        Object[][] header = {{"Uppgift", "Värde"}, {"Region", "19"}, {"År", 2023}, {"Per datum", "2022-12-31"},
                {"Förvaltning", "Hälso- och sjukvårdsförvaltningen (HSF)"},
                {"Källa", "Region Västmanland, Hälso- och sjukvårdsförvaltningens förvaltningsplan 2023–2025"},
                {"Avsnitt", "5.1.3"}, {"Enhet", "mnkr"}, {"Precision", 0.1}, {"Summa planbelopp", 434.5},
                {"Summa budget i förvaltningen", 277.7}};
        for (int r = 0; r < header.length; r++) {
            for (int c = 0; c < 2; c++) {
                put(plan, r, c, header[r][c]);
            }
        }
        Worksheet sheet = wb.newWorksheet("Statsbidrag");
        String[] columns = {"Statsbidrag", "Överenskommelse", "Planbelopp", "Budget i förvaltningen", "Permanent verksamhet"};
        for (int c = 0; c < columns.length; c++) {
            sheet.value(0, c, columns[c]);
        }
        for (int r = 0; r < lines.length; r++) {
            for (int c = 0; c < lines[r].length; c++) {
                put(sheet, r + 1, c, lines[r][c]);
            }
        }
        if (brokenCell != null) {
            sheet.value(3, 2, brokenCell);
            sheet.value(5, 4, "kanske");
        }
        wb.finish();
        return out.toByteArray();
    }

    static void put(Worksheet sheet, int r, int c, Object v) {
        if (v instanceof Number n) {
            sheet.value(r, c, new BigDecimal(n.toString()));
        } else if (v != null) {
            sheet.value(r, c, v.toString());
        }
    }

    @Test
    void shouldJudgeTheSeedTableInMnkrAsTheJsonPlan() throws IOException {
        given().contentType(PlanSpreadsheet.XLSX).body(workbook(SEED_003, null))
                .when().post("/api/v1/plans/validate")
                .then().statusCode(200)
                .body("findings.find { it.code == 'PLAN-STATED-TOTALS' }.severity", equalTo("INFO"))
                .body("findings.find { it.code == 'PLAN-STATED-TOTALS' }.amount", equalTo(100000.0f))
                .body("findings.findAll { it.code == 'PLAN-EXIT-PLAN' }.facts.ref.flatten()",
                        contains("line:1", "line:3", "line:4"))
                .body("findings.find { it.code == 'PLAN-REGION-SHARE' }.amount", equalTo(13473636.0f))
                .body("findings.findAll { it.code == 'PLAN-KNOWN-AGREEMENT' }.facts.ref.flatten()",
                        contains("line:4", "line:11"))
                .body("lines[4].planAmount", equalTo(184700000.0f));
    }

    @Test
    void shouldRejectTheWholeFileNamingEveryBadCell() throws IOException {
        given().contentType(PlanSpreadsheet.XLSX).body(workbook(SEED_003, "trettiosju"))
                .when().post("/api/v1/plans")
                .then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("Statsbidrag!C4 (Planbelopp)"))
                .body("errors.field", hasItem("Statsbidrag!E6 (Permanent verksamhet)"))
                .body("errors", hasSize(2));
        given().when().get("/api/v1/plans?region=19&year=2023").then().statusCode(200);
    }

    @Test
    void shouldRefuseASheetWithMoreRowsThanAPlanHas() throws IOException {
        Object[][] many = new Object[PlanSpreadsheet.MAX_LINES + 1][];
        for (int i = 0; i < many.length; i++) {
            many[i] = new Object[]{"Statsbidrag " + i, null, 1.0, 1.0, "nej"};
        }
        given().contentType(PlanSpreadsheet.XLSX).body(workbook(many, null))
                .when().post("/api/v1/plans/validate")
                .then().statusCode(400)
                .body("errors.field", hasItem("Statsbidrag!A" + (PlanSpreadsheet.MAX_LINES + 2)));
    }

    @Test
    void shouldOfferATemplateWithTheSwedishColumns() throws IOException {
        byte[] template = given().when().get("/api/v1/plans/template.xlsx")
                .then().statusCode(200).contentType(containsString("spreadsheetml")).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(template))) {
            Row header = wb.findSheet("Statsbidrag").orElseThrow().read().get(0);
            assertEquals("Statsbidrag", header.getCellText(0));
            assertEquals("Planbelopp", header.getCellText(2));
        }
    }

    @Test
    void shouldExportTheStoredPlansReportAsASpreadsheet() throws IOException {
        String location = given().contentType(PlanSpreadsheet.XLSX).body(workbook(SEED_003, null))
                .when().post("/api/v1/plans").then().statusCode(201).extract().header("Location");
        byte[] xlsx = given().when().get(location + "/report.xlsx")
                .then().statusCode(200).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> lines = wb.findSheet("Rader").orElseThrow().read();
            assertEquals(12, lines.size());
            assertEquals("Ökad läkarkompetens i äldrevården", lines.get(11).getCellText(1));
            assertEquals("nej", lines.get(11).getCellText(3));
            List<Row> findings = wb.findSheet("Fynd").orElseThrow().read();
            assertEquals("PLAN-STATED-TOTALS", findings.get(1).getCellText(1));
        }
    }
}
