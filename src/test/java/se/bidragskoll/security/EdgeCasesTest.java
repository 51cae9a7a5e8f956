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
}
