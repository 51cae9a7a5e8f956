package se.bidragskoll.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;
import se.bidragskoll.StrictXlsx;
import se.bidragskoll.TestUsers;

/**
 * What the pages offer to download works with the page's login (the form's session cookie, no
 * Basic): the links are followed as a browser follows them, and every workbook opens in a strict reader.
 */
@QuarkusTest
class PageDownloadsTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @BeforeEach
    void noDefaultUser() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    private static Map<String, String> login(String user) {
        return se.bidragskoll.TestUsers.pageLogin(user);
    }

    /** The href of the link with this id on the page, unescaped as a browser reads it. */
    private static String link(String html, String id) {
        Matcher m = Pattern.compile("<a href=\"([^\"]+)\" id=\"" + id + "\"").matcher(html);
        assertTrue(m.find(), "a link " + id + " on the page");
        return m.group(1).replace("&amp;", "&");
    }

    private static byte[] download(Map<String, String> session, String path, String type) {
        return given().cookies(session).redirects().follow(false).when().get(path).then().statusCode(200)
                .contentType(type).header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment"))
                .extract().asByteArray();
    }

    @Test
    void shouldLetALoggedInControllerDownloadTheReportOfHisDossierFromItsPage() throws Exception {
        String id = given().auth().preemptive().basic("kontroller-ovriga", "kontroller-ovriga")
                .contentType(ContentType.JSON)
                .body(Fixtures.read(Fixtures.JAMTLAND).replace("\"region\": \"23\"", "\"region\": \"09\""))
                .post("/api/v1/dossiers").then().statusCode(201).extract().path("dossier");
        Map<String, String> controller = login("kontroller-ovriga");
        String page = given().cookies(controller).get("/underlag/" + id).then().statusCode(200).extract().asString();
        String xlsxLink = link(page, "report-xlsx");
        assertFalse(xlsxLink.startsWith("/api/"), "a page path, which takes the page's login: " + xlsxLink);
        StrictXlsx.check(download(controller, xlsxLink, XLSX));
        String csv = new String(download(controller, link(page, "report-csv"), "text/csv"), StandardCharsets.UTF_8);
        assertTrue(csv.contains("Fynd;Villkor;Allvarlighet"), csv);
        StrictXlsx.check(download(controller, link(page, "workbook"), XLSX));

        Map<String, String> otherRegion = login(TestUsers.CONTROLLER_JH);
        given().cookies(otherRegion).redirects().follow(false).get(xlsxLink).then().statusCode(404);
        given().redirects().follow(false).get(xlsxLink).then().statusCode(302)
                .header("Location", org.hamcrest.Matchers.containsString("/logga-in"));
    }

    @Test
    void shouldLetTheSteeringGroupDownloadTheFilteredQueueFromTheQueuePage() throws Exception {
        given().auth().preemptive().basic("kontroller-ovriga", "kontroller-ovriga").contentType(ContentType.JSON)
                .body(Fixtures.read(Fixtures.JAMTLAND).replace("\"region\": \"23\"", "\"region\": \"10\""))
                .post("/api/v1/dossiers").then().statusCode(201);
        Map<String, String> steering = login(TestUsers.STEERING);
        String page = given().cookies(steering).get("/granskning?region=10").then().statusCode(200).extract().asString();
        byte[] xlsx = download(steering, link(page, "export-xlsx"), XLSX);
        StrictXlsx.check(xlsx);
        String csv = new String(download(steering, link(page, "export-csv"), "text/csv"), StandardCharsets.UTF_8);
        assertTrue(csv.lines().count() > 1, csv);
        assertTrue(csv.lines().skip(1).allMatch(l -> l.contains(";10 ")), "the page's filter kept: " + csv);

        Map<String, String> otherRegion = login(TestUsers.CONTROLLER_JH);
        String theirs = new String(download(otherRegion, "/granskning/export.csv?region=10", "text/csv"),
                StandardCharsets.UTF_8);
        assertEquals(1, theirs.lines().count(), "another region's controller gets the header only: " + theirs);
    }

    @Test
    void shouldLetAControllerDownloadThePlanReportAndTemplateFromThePlanPages() throws Exception {
        given().auth().preemptive().basic(TestUsers.CONTROLLER_VM, TestUsers.CONTROLLER_VM)
                .contentType(ContentType.JSON).body(Fixtures.read("examples/vastmanland-regionplan-2023.json"))
                .post("/api/v1/plans").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        Map<String, String> controller = login(TestUsers.CONTROLLER_VM);
        String page = given().cookies(controller).get("/plan/19/2023").then().statusCode(200).extract().asString();
        StrictXlsx.check(download(controller, link(page, "plan-xlsx"), XLSX));
        StrictXlsx.check(download(controller, "/planer/mall.xlsx", XLSX));
    }
}
