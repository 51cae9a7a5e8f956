package se.bidragskoll.security;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Issue 19: a page form's CSRF token is bound to the page session it was shown in. */
@QuarkusTest
class CsrfBindingTest {

    private static Map<String, String> login(String user) {
        return se.bidragskoll.TestUsers.pageLogin(user);
    }

    @Test
    void shouldRefuseATokenShownInAnotherSession() {
        Map<String, String> first = login("kontroller-vm");
        Map<String, String> second = login("kontroller-vm");
        Response page = given().cookies(first).when().get("/skicka-in");
        page.then().statusCode(200);
        Matcher m = Pattern.compile("name=\"" + FormTokens.FIELD + "\" value=\"([^\"]+)\"").matcher(page.asString());
        Assertions.assertTrue(m.find());
        String token = m.group(1);
        String cookie = page.cookie(FormTokens.COOKIE);
        // in its own session the form passes the token check (and is then told to choose a file)
        given().cookies(first).cookie(FormTokens.COOKIE, cookie).multiPart(FormTokens.FIELD, token)
                .multiPart("note", "x").when().post("/skicka-in").then().statusCode(400);
        // the same token and cookie in another session of the same user: refused
        given().cookies(second).cookie(FormTokens.COOKIE, cookie).multiPart(FormTokens.FIELD, token)
                .multiPart("note", "x").when().post("/skicka-in").then().statusCode(403);
    }
}
