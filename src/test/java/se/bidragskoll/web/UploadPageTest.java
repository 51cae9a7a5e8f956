package se.bidragskoll.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;
import se.bidragskoll.TestUsers;
import se.bidragskoll.security.FormTokens;

/**
 * After an upload the page says what happened: the version made, ledger lines read and replaced,
 * findings new, resolved and unchanged; a refused ledger names the ledger in its heading and each
 * error's place once.
 */
@QuarkusTest
class UploadPageTest {

    @BeforeEach
    void noDefaultUser() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    private static Map<String, String> login(String user) {
        return se.bidragskoll.TestUsers.pageLogin(user);
    }

    private static Path ledger(String name) throws Exception {
        return Path.of(UploadPageTest.class.getClassLoader().getResource("ledgers/" + name).toURI());
    }

    /** Uploads a ledger from the dossier page as its form does. */
    private static Response upload(Map<String, String> session, String id, Path file, String language) {
        Response page = given().cookies(session).header("Accept-Language", language).get("/underlag/" + id);
        page.then().statusCode(200);
        Matcher m = Pattern.compile("name=\"" + FormTokens.FIELD + "\" value=\"([^\"]+)\"").matcher(page.asString());
        assertTrue(m.find(), "the page has the upload form");
        return given().cookies(session).cookie(FormTokens.COOKIE, page.cookie(FormTokens.COOKIE))
                .header("Accept-Language", language).redirects().follow(false)
                .multiPart(FormTokens.FIELD, m.group(1)).multiPart("ledger", file.toFile(), "text/csv")
                .when().post("/underlag/" + id + "/huvudbok");
    }

    private static String follow(Map<String, String> session, Response answer, String language) {
        answer.then().statusCode(303);
        String location = answer.header("Location");
        return given().cookies(session).header("Accept-Language", language).redirects().follow(false)
                .get(location.replaceFirst("^https?://[^/]+", "")).then().statusCode(200).extract().asString();
    }

    private static String uploaded(String page) {
        Matcher m = Pattern.compile("<div class=\"card notice\" id=\"uploaded\" role=\"status\"><p>([^<]*)</p>").matcher(page);
        assertTrue(m.find(), "the page says what the upload did");
        return m.group(1);
    }

    @Test
    void shouldSayWhatALedgerUploadDidAndNameTheLedgerWhenItIsRefused() throws Exception {
        String id = given().auth().preemptive().basic(TestUsers.CONTROLLER_JH, TestUsers.CONTROLLER_JH)
                .contentType(ContentType.JSON).body(Fixtures.read(Fixtures.JAMTLAND)).post("/api/v1/dossiers")
                .then().statusCode(201).extract().path("dossier");
        Map<String, String> session = login(TestUsers.CONTROLLER_JH);

        Response answer = upload(session, id, ledger("agresso-windows-1252.csv"), "sv");
        assertTrue(answer.header("Location").contains("?huvudbok="), answer.header("Location"));
        String said = uploaded(follow(session, answer, "sv"));
        assertTrue(said.matches("Huvudboken är inläst som version \\d+: 3 rader ersatte de [\\d\u00a0]+ rader som version \\d+ hade\\. "
                + "Fynd jämfört med version \\d+: \\d+ nya, \\d+ åtgärdade, \\d+ oförändrade\\."), said);

        String again = uploaded(follow(session, upload(session, id, ledger("agresso-windows-1252.csv"), "en"), "en"));
        assertEquals("The same ledger as the one already read in: nothing changed.", again);

        String refused = upload(session, id, ledger("bad-rows.csv"), "sv").then().statusCode(400).extract().asString();
        assertTrue(refused.contains("Huvudboken lästes inte in"), refused);
        assertFalse(refused.contains("Underlaget skickades inte in"), "the heading names the ledger");
        assertTrue(refused.contains("<li>rad 1733, kolumn belopp: &quot;12.345,6x&quot; är inget belopp</li>"), refused);

        String english = upload(session, id, ledger("bad-rows.csv"), "en").then().statusCode(400).extract().asString();
        assertTrue(english.contains("The ledger was not read in"), english);
        assertTrue(english.contains("<li>row 1733, column"), "the place once, in English: " + english);
        assertFalse(english.contains("rad 1733"), english);
    }

    @Test
    void shouldSayWhatASubmissionDid() throws Exception {
        Map<String, String> session = login(TestUsers.CONTROLLER_JH);
        Response page = given().cookies(session).get("/skicka-in");
        Matcher m = Pattern.compile("name=\"" + FormTokens.FIELD + "\" value=\"([^\"]+)\"").matcher(page.asString());
        assertTrue(m.find());
        Path file = java.nio.file.Files.createTempFile("underlag", ".json");
        java.nio.file.Files.writeString(file, Fixtures.read(Fixtures.JAMTLAND));
        Response answer = given().cookies(session).cookie(FormTokens.COOKIE, page.cookie(FormTokens.COOKIE))
                .redirects().follow(false).multiPart(FormTokens.FIELD, m.group(1))
                .multiPart("dossier", file.toFile(), "application/json").when().post("/skicka-in");
        String said = uploaded(follow(session, answer, "sv"));
        assertTrue(said.startsWith("Underlaget är inskickat som version "), said);
        assertTrue(said.contains("Fynd"), said);
    }
}
