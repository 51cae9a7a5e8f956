package se.bidragskoll.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 19's login attacks: a login posted from another site, and guessing passwords at speed. */
@QuarkusTest
class LoginGuardTest {

    @Inject
    LoginGuard guard;

    @AfterEach
    void forget() {
        guard.reset();
    }

    private static Response login(String user, String password, String origin) {
        var request = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user).formParam("j_password", password);
        if (origin != null) {
            request = request.header("Origin", origin);
        }
        return request.post("/j_security_check");
    }

    @Test
    void shouldRefuseALoginPostedFromAnotherSite() {
        login("styrgrupp", "styrgrupp", "https://elak.example").then().statusCode(403)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("annan webbplats"));
    }

    @Test
    void shouldTakeALoginFromItsOwnPages() {
        login("styrgrupp", "styrgrupp", "http://localhost:" + io.restassured.RestAssured.port).then().statusCode(302)
                .header("Location", notNullValue());
    }

    @Test
    void shouldSlowDownFailedLoginsAndHoldBackEvenTheRightPasswordMeanwhile() {
        for (int i = 0; i < 5; i++) {
            // a failed login: back to the login form, or 401 where the form has no error page
            login("styrgrupp", "fel-" + i, null).then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(302),
                    equalTo(303), equalTo(401)));
        }
        login("styrgrupp", "fel-5", null).then().statusCode(429).header("Retry-After", notNullValue())
                .body("status", equalTo(429));
        login("styrgrupp", "styrgrupp", null).then().statusCode(429);
        guard.reset();
        login("styrgrupp", "styrgrupp", null).then().statusCode(302);
    }
}
