package se.bidragskoll.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidragskoll.TestUsers;

/**
 * Issue 27's runtime attacks on the ways in and on the edges of the API, one test each, each asserting
 * the problem document (type, title, detail, field), not only the status. Before the fix: 60 wrong
 * Basic passwords gave 60 × 401 and the right one still worked while the login form was throttled; a
 * cross-site login without {@code Origin} was taken; logout was a GET; the edge cases answered 500, an
 * empty body, or judged what they should have refused.
 */
@QuarkusTest
class EdgeCasesTest {

    private static final String PROBLEM = "application/problem+json";
    /** A user of these tests alone: its failures and throttling touch no other test class. */
    private static final String STEERING = "styrgrupp";

    @Inject
    LoginGuard guard;

    @BeforeEach
    @AfterEach
    void forgetFailures() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
        guard.reset();
    }

    private static Response basic(String user, String password) {
        return given().auth().preemptive().basic(user, password).get("/api/v1/dossiers");
    }

    private static Response login(String user, String password, Map<String, String> headers) {
        return given().redirects().follow(false).contentType(ContentType.URLENC).headers(headers)
                .formParam("j_username", user).formParam("j_password", password).post("/j_security_check");
    }

    // ---- 6. One throttle for every way in ----

    @Test
    void shouldThrottleWrongBasicPasswordsWith429AndHoldBackTheRightOne() {
        int unauthorized = 0;
        int throttled = 0;
        for (int i = 0; i < 10; i++) {
            int status = basic(STEERING, "fel-" + i).then().extract().statusCode();
            if (status == 401) {
                unauthorized++;
            } else if (status == 429) {
                throttled++;
            }
        }
        assertEquals(5, unauthorized, "five free failures");
        assertEquals(5, throttled, "then 429 without looking at the password");
        basic(STEERING, "fel-10").then().statusCode(429).header("Retry-After", notNullValue())
                .contentType(PROBLEM)
                .body("type", equalTo("urn:bidragskoll:problem:too-many-logins"))
                .body("title", equalTo("För många misslyckade inloggningar"))
                .body("status", equalTo(429))
                .body("detail", containsString("försök igen om"));
        int retryAfter = Integer.parseInt(basic(STEERING, STEERING).then().statusCode(429)
                .extract().header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 300, "Retry-After in seconds: " + retryAfter);
        given().auth().preemptive().basic(STEERING, STEERING).header("Accept-Language", "en").get("/api/v1/dossiers")
                .then().statusCode(429).body("title", equalTo("Too many failed logins"));
        guard.reset();
        basic(STEERING, STEERING).then().statusCode(200);
    }

    @Test
    void shouldCountBasicAndFormFailuresTogether() {
        for (int i = 0; i < 3; i++) {
            basic(STEERING, "fel-" + i).then().statusCode(401);
        }
        for (int i = 0; i < 2; i++) {
            login(STEERING, "fel-" + i, Map.of()).then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(302),
                    equalTo(303)));
        }
        // the page login is throttled by the Basic failures, and Basic by the page login's
        login(STEERING, STEERING, Map.of()).then().statusCode(429).header("Retry-After", notNullValue());
        basic(STEERING, STEERING).then().statusCode(429).body("type", equalTo("urn:bidragskoll:problem:too-many-logins"));
    }

    @Test
    void shouldStillCountFormFailuresThatCarryABasicHeader() {
        String junk = "Basic " + java.util.Base64.getEncoder().encodeToString("ingen:x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int i = 0; i < 5; i++) {
            login(STEERING, "fel-" + i, Map.of("Authorization", junk)).then().statusCode(org.hamcrest.Matchers.lessThan(429));
        }
        login(STEERING, STEERING, Map.of()).then().statusCode(429).contentType(PROBLEM)
                .body("type", equalTo("urn:bidragskoll:problem:too-many-logins"));
    }

    @Test
    void shouldClearTheCountOnASuccessfulBasicLogin() {
        for (int i = 0; i < 4; i++) {
            basic(STEERING, "fel-" + i).then().statusCode(401);
        }
        basic(STEERING, STEERING).then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            basic(STEERING, "fel-" + i).then().statusCode(401);
        }
        basic(STEERING, STEERING).then().statusCode(200);
    }

    @Test
    void shouldThrottleTheAddressAcrossUserNames() {
        for (int i = 0; i < 5; i++) {
            basic("ingen-" + i, "fel").then().statusCode(401);
        }
        // another name from the same address: throttled before its password is looked at
        basic(TestUsers.RULE_AUTHOR, "fel").then().statusCode(429).contentType(PROBLEM)
                .body("type", equalTo("urn:bidragskoll:problem:too-many-logins"));
    }

    @Test
    void shouldRefuseALoginMarkedCrossSiteByTheBrowser() {
        login(STEERING, STEERING, Map.of("Sec-Fetch-Site", "cross-site")).then().statusCode(403)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:bidragskoll:problem:foreign-origin"))
                .body("title", equalTo("Främmande ursprung"))
                .body("detail", containsString("Sec-Fetch-Site: cross-site"))
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        login(STEERING, STEERING, Map.of("Sec-Fetch-Site", "same-site", "Accept-Language", "en")).then().statusCode(403)
                .body("title", equalTo("Foreign origin"))
                .body("detail", equalTo("The login was sent from another site (Sec-Fetch-Site: same-site) and was not accepted."));
        login(STEERING, STEERING, Map.of("Sec-Fetch-Site", "same-origin")).then().statusCode(302);
    }

    @Test
    void shouldRefuseALoginWithAForeignRefererAndNoOrigin() {
        login(STEERING, STEERING, Map.of("Referer", "https://elak.example/inloggning.html")).then().statusCode(403)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:bidragskoll:problem:foreign-origin"))
                .body("detail", equalTo("Inloggningen skickades från en annan webbplats "
                        + "(https://elak.example/inloggning.html) och togs inte emot."));
        login(STEERING, STEERING, Map.of("Referer", "http://localhost:" + RestAssured.port + "/logga-in"))
                .then().statusCode(302);
    }

    @Test
    void shouldLogOutOnlyWithAPostCarryingThePagesCsrfToken() {
        Map<String, String> session = TestUsers.pageLogin(STEERING);
        // a GET (a link or an image of another site) ends nothing
        given().cookies(session).redirects().follow(false).get("/logga-ut").then().statusCode(405)
                .contentType(PROBLEM).body("status", equalTo(405));
        given().cookies(session).redirects().follow(false).get("/granskning").then().statusCode(200);
        // a POST without the token neither
        given().cookies(session).redirects().follow(false).contentType(ContentType.URLENC).formParam("x", "1")
                .post("/logga-ut").then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("urn:bidragskoll:problem:csrf"))
                .body("detail", containsString("CSRF"));
        given().cookies(session).redirects().follow(false).get("/granskning").then().statusCode(200);
        // the page's form does
        Response logout = TestUsers.pageLogout(session);
        logout.then().statusCode(303).header("Location", containsString("/logga-in"));
        List<String> cookies = logout.headers().getValues("Set-Cookie");
        assertTrue(cookies.stream().anyMatch(c -> c.startsWith(Sessions.COOKIE + "=;")), cookies.toString());
        given().cookies(session).redirects().follow(false).get("/granskning").then().statusCode(303)
                .header("Location", containsString("/logga-in"));
    }

    @Test
    void shouldSendNoSecureFlagInTestButMarkEveryCookieWhenTheSettingIsOn() {
        String plain = login(STEERING, STEERING, Map.of()).then().statusCode(302).extract().header("Set-Cookie");
        assertFalse(plain.toLowerCase().contains("secure"), "plain HTTP in test: " + plain);
        io.vertx.core.MultiMap headers = io.vertx.core.MultiMap.caseInsensitiveMultiMap()
                .add("Set-Cookie", "sprak=en; Path=/; SameSite=Lax")
                .add("Set-Cookie", "a=b; Path=/; Secure");
        io.vertx.core.http.Cookie changed = io.vertx.core.http.Cookie.cookie("bidragskoll", "x");
        SecureCookies.secure(headers, java.util.Set.of(changed));
        assertEquals(List.of("sprak=en; Path=/; SameSite=Lax; Secure", "a=b; Path=/; Secure"), headers.getAll("Set-Cookie"));
        assertTrue(changed.isSecure(), "a cookie set on this answer through Vert.x' jar");
    }

    // ---- 7. Every answer a problem ----

    private static final String CONTROLLER = TestUsers.CONTROLLER_JH;

    private static byte[] jamtland() {
        return se.bidragskoll.Fixtures.read(se.bidragskoll.Fixtures.JAMTLAND).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Response validate(String contentType, byte[] body, String language) {
        return given().auth().preemptive().basic(CONTROLLER, CONTROLLER).header("Accept-Language", language)
                .config(RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                        .encodeContentTypeAs(contentType, ContentType.BINARY)))
                .contentType(contentType).body(body).post("/api/v1/validate");
    }

    @Test
    void shouldAnswerAMalformedContentTypeWith415() {
        validate(";;;/==", jamtland(), "sv").then().statusCode(415).contentType(PROBLEM)
                .body("type", equalTo("urn:bidragskoll:problem:invalid-content-type"))
                .body("title", equalTo("Ogiltig innehållstyp"))
                .body("detail", equalTo("Content-Type \";;;/==\" är ingen medietyp (typ/undertyp, t.ex. application/json)."))
                .body("errors[0].field", equalTo("Content-Type"));
        validate("application/json; charset", jamtland(), "en").then().statusCode(415)
                .body("title", equalTo("Invalid content type"));
        validate("application/json;", jamtland(), "sv").then().statusCode(200);
    }

    @Test
    void shouldRefuseABodyDeclaredInAnotherCharsetThanUtf8() {
        byte[] utf16 = se.bidragskoll.Fixtures.read(se.bidragskoll.Fixtures.JAMTLAND)
                .getBytes(java.nio.charset.StandardCharsets.UTF_16);
        validate("application/json; charset=utf-16", utf16, "sv").then().statusCode(415).contentType(PROBLEM)
                .body("type", equalTo("urn:bidragskoll:problem:unsupported-charset"))
                .body("title", equalTo("Teckenkodningen stöds inte"))
                .body("detail", containsString("'utf-16'"))
                .body("detail", containsString("JSON bara som UTF-8"))
                .body("errors[0].field", equalTo("Content-Type"));
        validate("application/json; charset=x-bogus-9", jamtland(), "en").then().statusCode(415)
                .body("title", equalTo("Unsupported charset"))
                .body("detail", containsString("'x-bogus-9'"));
        validate("application/json; charset=\"UTF-8\"", jamtland(), "sv").then().statusCode(200);
        validate("application/json", jamtland(), "sv").then().statusCode(200);
    }

    @Test
    void shouldAnswerAMalformedMultipartWith400() {
        // 1 000 parts whose header lines are not "name: value" (was 500: RESTEasy's MalformedMessageException)
        String garbage = "--b\r\n:::\r\n\r\nx\r\n".repeat(1000) + "--b--\r\n";
        validate("multipart/form-data; boundary=b", garbage.getBytes(java.nio.charset.StandardCharsets.UTF_8), "sv")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:bidragskoll:problem:invalid-input"))
                .body("title", equalTo("Felaktigt underlag"))
                .body("detail", containsString("multipart/form-data-kroppen är felaktigt uppbyggd"));
        // 1 000 parts without the blank line after their headers
        String headless = "--b\r\nContent-Disposition: form-data; name=\"dossier\"\r\nX: y\r\n".repeat(1000) + "--b--\r\n";
        validate("multipart/form-data; boundary=b", headless.getBytes(java.nio.charset.StandardCharsets.UTF_8), "en")
                .then().statusCode(400).contentType(PROBLEM)
                .body("title", equalTo("Invalid input"))
                .body("detail", containsString("The multipart/form-data body is malformed"));
    }

    @Test
    void shouldAnswerATooLongAddressAndTooLargeHeadersWithProblems() {
        given().auth().preemptive().basic(CONTROLLER, CONTROLLER).get("/api/v1/findings?q=" + "x".repeat(5000))
                .then().statusCode(414).contentType(PROBLEM)
                .body("type", equalTo("urn:bidragskoll:problem:uri-too-long"))
                .body("title", equalTo("För lång adress"))
                .body("detail", containsString("4096 tecken"));
        given().auth().preemptive().basic(CONTROLLER, CONTROLLER).header("Accept-Language", "en")
                .header("X-Fyllnad", "x".repeat(25_000)).get("/api/v1/findings")
                .then().statusCode(431).contentType(PROBLEM)
                .body("type", equalTo("urn:bidragskoll:problem:headers-too-large"))
                .body("title", equalTo("Request headers too large"))
                .body("detail", containsString("20 KiB"));
    }

    @Test
    void shouldAnswerABadIfMatchWithAProblemNamingTheHeader() {
        // a dossier of region 14, which no other test class stores
        given().auth().preemptive().basic("kontroller-ovriga", "kontroller-ovriga").contentType(ContentType.JSON)
                .body(se.bidragskoll.Fixtures.read(se.bidragskoll.Fixtures.JAMTLAND).replace("\"region\": \"23\"", "\"region\": \"14\""))
                .post("/api/v1/dossiers").then().statusCode(201);
        String finding = given().auth().preemptive().basic(STEERING, STEERING).get("/api/v1/findings?region=14&size=1")
                .then().statusCode(200).extract().path("items[0].id");
        given().auth().preemptive().basic(STEERING, STEERING).contentType(ContentType.JSON)
                .header("If-Match", "inte-en-etag").body("{\"action\": \"ACKNOWLEDGE\"}")
                .post("/api/v1/findings/" + finding + "/decisions")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:bidragskoll:problem:invalid-input"))
                .body("errors[0].field", equalTo("If-Match"))
                .body("errors[0].message", containsString("ETag"));
    }

    @Test
    void shouldRefuseAnEmptyAsOfNamingTheField() {
        String dossier = se.bidragskoll.Fixtures.read(se.bidragskoll.Fixtures.JAMTLAND)
                .replace("\"asOf\": \"2018-06-30\"", "\"asOf\": \"\"");
        validate("application/json", dossier.getBytes(java.nio.charset.StandardCharsets.UTF_8), "sv").then()
                .statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:bidragskoll:problem:invalid-input"))
                .body("title", equalTo("Felaktigt underlag"))
                .body("errors[0].field", equalTo("asOf"))
                .body("errors[0].message", equalTo("Datumet är tomt: skriv ett datum (ÅÅÅÅ-MM-DD) eller utelämna fältet."))
                .body("detail", startsWithText("asOf: Datumet är tomt"));
        validate("application/json", dossier.getBytes(java.nio.charset.StandardCharsets.UTF_8), "en").then()
                .statusCode(400).body("errors[0].message", equalTo("The date is empty: give a date (YYYY-MM-DD) or leave the field out."));
    }

    @Test
    void shouldRefuseDuplicateKeysNamingTheField() {
        String dossier = se.bidragskoll.Fixtures.read(se.bidragskoll.Fixtures.JAMTLAND);
        String twice = dossier.replaceFirst("\"asOf\": \"2018-06-30\",", "\"asOf\": \"2018-06-30\", \"asOf\": \"2030-01-01\",");
        validate("application/json", twice.getBytes(java.nio.charset.StandardCharsets.UTF_8), "sv").then()
                .statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:bidragskoll:problem:invalid-input"))
                .body("errors[0].field", equalTo("asOf"))
                .body("errors[0].message", containsString("Fältet \"asOf\" förekommer två gånger i samma objekt"));
        String nested = dossier.replaceFirst("\"costObject\": \"9916\",", "\"costObject\": \"9916\", \"costObject\": \"1\",");
        validate("application/json", nested.getBytes(java.nio.charset.StandardCharsets.UTF_8), "en").then()
                .statusCode(400)
                .body("errors[0].field", equalTo("grant.costObject"))
                .body("errors[0].message", containsString("The field \"costObject\" appears twice in one object"));
    }

    private static org.hamcrest.Matcher<String> startsWithText(String prefix) {
        return org.hamcrest.Matchers.startsWith(prefix);
    }
}
