package se.bidragskoll.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;
import se.bidragskoll.TestUsers;

/**
 * A dossier's page and its spreadsheet show the judged agreement's conditions, the region's own for it
 * and the generic ones, not the rest of the catalogue (the API's report keeps them); the grant share's
 * population figures are in digit groups.
 */
@QuarkusTest
class DossierPageScopeTest {

    @BeforeEach
    void noDefaultUser() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    private static Map<String, String> login(String user) {
        return se.bidragskoll.TestUsers.pageLogin(user);
    }

    @Test
    void shouldLeaveOutOtherAgreementsConditionsOnThePageAndItsSpreadsheet() throws Exception {
        String id = given().auth().preemptive().basic(TestUsers.CONTROLLER_VM, TestUsers.CONTROLLER_VM)
                .contentType(ContentType.JSON).body(Fixtures.read(Fixtures.VASTMANLAND))
                .post("/api/v1/dossiers").then().statusCode(201).extract().path("dossier");
        List<String> apiCodes = given().auth().preemptive().basic(TestUsers.CONTROLLER_VM, TestUsers.CONTROLLER_VM)
                .get("/api/v1/dossiers/" + id + "/report").then().statusCode(200).extract().path("conditions.code");
        assertTrue(apiCodes.contains("KH23-PURPOSES"), "the API keeps the whole catalogue");

        Map<String, String> session = login(TestUsers.CONTROLLER_VM);
        String page = given().cookies(session).get("/underlag/" + id).then().statusCode(200).extract().asString();
        assertFalse(page.contains("KH23-PURPOSES"), "another agreement's condition is not on the page");
        assertTrue(page.contains("PM-GRANT-SHARE"), "the agreement's own are");
        assertTrue(page.contains("FIN-ALLOCATION-CEILING"), "and the generic ones");
        assertTrue(page.contains("REG-EXIT-PLAN") || !apiCodes.contains("REG-EXIT-PLAN"), "and the region's own");
        assertTrue(page.contains("271\u00a0095 av 10\u00a0120\u00a0242"), "population in digit groups");
        assertFalse(page.contains("271095"), page);

        byte[] xlsx = given().cookies(session).get("/underlag/" + id + "/rapport.xlsx").then().statusCode(200)
                .extract().asByteArray();
        StringBuilder cells = new StringBuilder();
        try (ReadableWorkbook wb = new ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            wb.getSheets().forEach(sheet -> {
                try (var rows = sheet.openStream()) {
                    rows.forEach((Row r) -> r.forEach(c -> cells.append(c == null ? "" : c.getRawValue()).append('|')));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertFalse(cells.toString().contains("KH23-PURPOSES"), "nor in the page's spreadsheet");
        assertTrue(cells.toString().contains("PM-GRANT-SHARE"));
    }
}
