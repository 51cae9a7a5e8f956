package se.bidragskoll.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;
import se.bidragskoll.TestUsers;

/** What the pages show is in people's words: labels, titles, named fields, rows from 1, local times. */
@QuarkusTest
class PlainWordsPagesTest {

    /** Codes of the API and paths of the dossier that no page shows as text. */
    private static final List<Pattern> INTERNALS = List.of(
            Pattern.compile("\\b(NON_COMPLIANT|COMPLIANT|INCOMPLETE|PASS|FAIL|CANNOT_ASSESS|NOT_YET_DUE|NOT_APPLICABLE)\\b"),
            Pattern.compile("\\b(ERROR|WARNING|INFO|OPEN|ACKNOWLEDGED|WAIVED|RESOLVED)\\b"),
            Pattern.compile("\\b(grant|actionPlan|steeringGroupAnalysis)\\.[a-zA-Z]+"),
            Pattern.compile("\\b(field|plan-total|ledger-total) "),
            Pattern.compile("\\[[0-9]+\\]"),
            Pattern.compile("\\bline:[0-9]"),
            Pattern.compile("[0-9]{2}:[0-9]{2}:[0-9]{2}"),
            Pattern.compile("\\bpatientmiljarden-2018\\b"));

    @BeforeEach
    void noDefaultUser() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    private static Map<String, String> login(String user) {
        return se.bidragskoll.TestUsers.pageLogin(user);
    }

    /** The text a reader sees: no tags, no attributes, entities as characters. */
    static String visible(String html) {
        return html.replaceAll("(?s)<script.*?</script>", " ").replaceAll("(?s)<svg.*?</svg>", " ")
                .replaceAll("<[^>]+>", " ").replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"");
    }

    private static void assertPlain(String page, String html) {
        String text = visible(html);
        for (Pattern internal : INTERNALS) {
            Matcher m = internal.matcher(text);
            assertFalse(m.find(), page + " shows " + (m.hitEnd() ? "" : "'" + safe(m, text) + "'"));
        }
    }

    private static String safe(Matcher m, String text) {
        int from = Math.max(0, m.start() - 60);
        return text.substring(from, Math.min(text.length(), m.end() + 60)).replaceAll("\\s+", " ");
    }

    @Test
    void shouldShowTheDossierTheQueueAndAFindingInPeoplesWordsInSwedishAndEnglish() {
        String id = given().auth().preemptive().basic("kontroller-ovriga", "kontroller-ovriga")
                .contentType(ContentType.JSON)
                .body(Fixtures.read(Fixtures.JAMTLAND).replace("\"region\": \"23\"", "\"region\": \"13\""))
                .post("/api/v1/dossiers").then().statusCode(201).extract().path("dossier");
        Map<String, String> steering = login(TestUsers.STEERING);
        for (String language : List.of("sv", "en")) {
            String dossier = given().cookies(steering).header("Accept-Language", language).get("/underlag/" + id)
                    .then().statusCode(200).extract().asString();
            assertPlain("the dossier page (" + language + ")", dossier);
            assertTrue(visible(dossier).contains("Patientmiljarden 2018 –"), "the agreement's title");
            assertTrue(visible(dossier).contains("sv".equals(language) ? "Beviljat belopp" : "Granted amount"),
                    "a field named as the workbook names it");

            String queue = given().cookies(steering).header("Accept-Language", language).get("/granskning?region=13")
                    .then().statusCode(200).extract().asString();
            assertPlain("the queue (" + language + ")", queue);
            assertTrue(visible(queue).contains("Patientmiljarden 2018"), "an agreement column with names");

            Matcher finding = Pattern.compile("href=\"/fynd/([^\"]+)\"").matcher(queue);
            assertTrue(finding.find());
            String page = given().cookies(steering).header("Accept-Language", language).get("/fynd/" + finding.group(1))
                    .then().statusCode(200).extract().asString();
            assertPlain("the finding page (" + language + ")", page);

            String overview = given().cookies(steering).header("Accept-Language", language).get("/")
                    .then().statusCode(200).extract().asString();
            assertPlain("the overview (" + language + ")", overview);

            String calendar = given().cookies(steering).header("Accept-Language", language).get("/kalender")
                    .then().statusCode(200).extract().asString();
            assertPlain("the calendar page (" + language + ")", calendar);
        }
        Map<String, String> controller = login(TestUsers.CONTROLLER_VM);
        String header = visible(given().cookies(controller).get("/").then().statusCode(200).extract().asString());
        assertTrue(header.contains("controller för Region Västmanland"), "the controller's region by name");
    }
}
