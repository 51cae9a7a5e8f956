package se.bidragskoll.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;
import se.bidragskoll.StrictXlsx;
import se.bidragskoll.TestUsers;
import se.bidragskoll.security.FormTokens;

/**
 * The queue page: filters chosen from lists and a free-text search, one decision on several findings
 * (each audited on its own), and its workbook with a title block, frozen header, filter and date cells.
 */
@QuarkusTest
class QueuePageTest {

    private static final String REGION = "22"; // no other test decides on findings of Västernorrland

    @BeforeEach
    void noDefaultUser() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    private static Map<String, String> login(String user) {
        return se.bidragskoll.TestUsers.pageLogin(user);
    }

    private static String store() {
        return store(REGION);
    }

    private static String store(String region) {
        given().auth().preemptive().basic("kontroller-ovriga", "kontroller-ovriga").contentType(ContentType.JSON)
                .body(Fixtures.read(Fixtures.JAMTLAND).replace("\"region\": \"23\"", "\"region\": \"" + region + "\""))
                .post("/api/v1/dossiers").then().statusCode(201);
        return given().auth().preemptive().basic("kontroller-ovriga", "kontroller-ovriga").contentType(ContentType.JSON)
                .body(Fixtures.read(Fixtures.VASTMANLAND).replace("\"region\": \"19\"", "\"region\": \"" + region + "\""))
                .post("/api/v1/dossiers").then().statusCode(201).extract().path("dossier");
    }

    private static List<String> ids(String page) {
        Matcher m = Pattern.compile("name=\"id\" value=\"(fi-[0-9a-f]+)\" form=\"batch\"").matcher(page);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void shouldFilterFromListsAndSearchAndDecideOnSeveralFindingsAtOnce() {
        store();
        Map<String, String> steering = login(TestUsers.STEERING);
        Response page = given().cookies(steering).get("/granskning?region=" + REGION + "&status=OPEN");
        String html = page.then().statusCode(200).extract().asString();
        assertTrue(html.contains("<select name=\"region\" id=\"filter-region\">"), "regions from a list");
        assertTrue(html.contains("<option value=\"" + REGION + "\" selected>"), html);
        assertTrue(html.contains("<option value=\"patientmiljarden-2018\" >Patientmiljarden 2018")
                || html.contains("<option value=\"patientmiljarden-2018\">Patientmiljarden 2018")
                || Pattern.compile("<option value=\"patientmiljarden-2018\"\\s*>[^<]+").matcher(html).find(), "agreements with titles");
        assertTrue(Pattern.compile("<option value=\"REG-COST-OBJECT\"\\s*>REG-COST-OBJECT – [^<]+").matcher(html).find()
                || Pattern.compile("<option value=\"FIN-PLAN-TOTAL\"\\s*>FIN-PLAN-TOTAL – [^<]+").matcher(html).find(), "codes with titles");
        List<String> open = ids(html);
        assertTrue(open.size() >= 2, "findings to decide on: " + open);

        // the search narrows the list to what it names
        String searched = given().cookies(steering).get("/granskning?region=" + REGION + "&q=" + open.get(0))
                .then().statusCode(200).extract().asString();
        assertEquals(List.of(open.get(0)), ids(searched));
        given().cookies(steering).get("/granskning?region=" + REGION + "&q=" + "ingetsådantord%25_")
                .then().statusCode(200).body(org.hamcrest.Matchers.containsString("<span id=\"total\">0</span>"));

        Matcher token = Pattern.compile("name=\"" + FormTokens.FIELD + "\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(token.find());
        String cookie = page.cookie(FormTokens.COOKIE);
        // without the CSRF token: refused
        given().cookies(steering).contentType(ContentType.URLENC).formParam("id", open.get(0))
                .formParam("action", "ACKNOWLEDGE").post("/granskning/beslut").then().statusCode(403);
        String answered = given().cookies(steering).cookie(FormTokens.COOKIE, cookie).contentType(ContentType.URLENC)
                .formParam(FormTokens.FIELD, token.group(1))
                .formParam("id", open.get(0)).formParam("id", open.get(1))
                .formParam("action", "ACKNOWLEDGE").formParam("comment", "Känt, åtgärdas i nästa redovisning")
                .formParam("region", REGION).formParam("status", "OPEN")
                .post("/granskning/beslut").then().statusCode(200).extract().asString();
        assertTrue(answered.contains("2 fynd har fått beslutet."), answered);
        assertFalse(ids(answered).contains(open.get(0)), "back to the same filters: the decided ones are no longer open");
        for (String id : open.subList(0, 2)) {
            given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING).get("/api/v1/findings/" + id)
                    .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("ACKNOWLEDGED"));
            given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING).get("/api/v1/findings/" + id + "/history")
                    .then().statusCode(200)
                    .body("findAll { it.action == 'ACKNOWLEDGED' || it.newStatus == 'ACKNOWLEDGED' }.comment",
                            org.hamcrest.Matchers.hasItem("Känt, åtgärdas i nästa redovisning"));
        }

        // a waiver without a comment is refused for each, named by id, in English when asked
        String refused = given().cookies(steering).cookie(FormTokens.COOKIE, cookie).contentType(ContentType.URLENC)
                .header("Accept-Language", "en").formParam(FormTokens.FIELD, token.group(1))
                .formParam("id", open.get(0)).formParam("action", "WAIVE").formParam("region", REGION)
                .post("/granskning/beslut").then().statusCode(400).extract().asString();
        assertTrue(refused.contains("Some findings did not get the decision") && refused.contains(open.get(0) + ": "), refused);

        // a controller sees no boxes and may not post
        Map<String, String> controller = login("kontroller-ovriga");
        Response own = given().cookies(controller).get("/granskning?region=" + REGION);
        assertTrue(ids(own.asString()).isEmpty(), "no decision boxes for a controller");
    }

    @Test
    void shouldExportTheQueueWithATitleBlockFrozenFilterableHeaderAndDateCells() throws Exception {
        store();
        Map<String, String> steering = login(TestUsers.STEERING);
        byte[] xlsx = given().cookies(steering).get("/granskning/export.xlsx?region=" + REGION + "&agreement=patientmiljarden-2018")
                .then().statusCode(200).extract().asByteArray();
        StrictXlsx.check(xlsx);
        String sheet = null;
        String styles = null;
        String strings = "";
        java.nio.file.Path file = java.nio.file.Files.createTempFile("granskning", ".xlsx");
        java.nio.file.Files.write(file, xlsx);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            for (var e : java.util.Collections.list(zip.entries())) {
                String text = new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    sheet = text;
                } else if (e.getName().equals("xl/styles.xml")) {
                    styles = text;
                } else if (e.getName().equals("xl/sharedStrings.xml")) {
                    strings = text;
                }
            }
        }
        try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var rows = workbook.getFirstSheet().read();
            assertEquals("Granskningskö från Bidragskoll", rows.get(0).getCellText(0), "title block");
            assertTrue(rows.stream().anyMatch(r -> "Region".equals(r.getCellText(0)) && r.getCellText(1).contains("(" + REGION + ")")),
                    "the filters named");
            assertTrue(rows.stream().anyMatch(r -> "Överenskommelse".equals(r.getCellText(0))
                    && r.getCellText(1).startsWith("Patientmiljarden")), "the agreement by its title");
            var opened = rows.stream().filter(r -> r.getCellText(0).startsWith("fi-")).findFirst().orElseThrow().getCell(10);
            assertEquals(org.dhatim.fastexcel.reader.CellType.NUMBER, opened.getType(), "opened is a date-time cell");
        }
        assertTrue(sheet.contains("<pane") && sheet.contains("state=\"frozen\""), "frozen header");
        assertTrue(sheet.contains("<autoFilter"), "filterable header");
        assertTrue(styles.contains("yyyy-mm-dd hh:mm"), "opened as a date-time cell");
    }

    /** The overview's bars lead to the queue filtered to them, and the trend shows this month's open findings. */
    @Test
    void shouldLeadFromTheChartsToTheQueueAndShowTheTrend() {
        store("13");
        Map<String, String> steering = login(TestUsers.STEERING);
        String html = given().cookies(steering).get("/").then().statusCode(200).extract().asString();
        assertTrue(Pattern.compile("<a href=\"/granskning\\?region=\\d\\d&amp;severity=ERROR&amp;status=OPEN\"><g class=\"bar\">")
                .matcher(html).find(), "a region's bar leads to its open errors: "
                + html.substring(html.indexOf("chart-regions"), Math.min(html.length(), html.indexOf("chart-regions") + 1500)));
        Matcher code = Pattern.compile("<a href=\"(/granskning\\?code=[A-Z0-9-]+&amp;status=OPEN)\"><g class=\"bar\"><title>([^<]+)</title>")
                .matcher(html);
        assertTrue(code.find(), "a condition's bar leads to its open findings");
        assertFalse(code.group(2).matches("[A-Z0-9-]+: \\d+"), "named by its title, not a bare code: " + code.group(2));
        String queue = given().cookies(steering).get(code.group(1).replace("&amp;", "&")).then().statusCode(200).extract().asString();
        assertFalse(queue.contains("<span id=\"total\">0</span>"), "the queue it leads to has those findings");
        assertTrue(html.contains("id=\"chart-trend-open\"") && html.contains("id=\"chart-trend-money\""), "the trend by month");
        String month = java.time.YearMonth.now(java.time.ZoneId.of("Europe/Stockholm")).toString();
        assertTrue(html.contains("<title>" + month + ": "), "this month's column");
    }
}
