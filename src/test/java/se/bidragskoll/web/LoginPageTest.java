package se.bidragskoll.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The login page: a wrong password brings the form back with its message, in the caller's language. */
@QuarkusTest
class LoginPageTest {

    @BeforeEach
    void noDefaultUser() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    @Test
    void shouldSendAWrongPasswordBackToTheLoginFormWithItsMessage() {
        var answer = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("j_username", "styrgrupp").formParam("j_password", "fel-lösenord")
                .when().post("/j_security_check");
        
        answer.then().statusCode(org.hamcrest.Matchers.oneOf(302, 303))
                .header("Location", endsWith("/logga-in?fel=1"))
                .header("WWW-Authenticate", org.hamcrest.Matchers.nullValue());
        given().get("/logga-in?fel=1").then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("id=\"login-failed\""), containsString("fel användarnamn eller lösenord"));
        given().header("Accept-Language", "en").get("/logga-in?fel=1").then().statusCode(200)
                .body(containsString("wrong user name or password"));
        given().get("/logga-in").then().statusCode(200).body(not(containsString("id=\"login-failed\"")));
    }

    @Test
    void shouldFollowAWrongPasswordAsABrowserDoesToAPageThatSaysSo() {
        given().contentType(ContentType.URLENC).formParam("j_username", "styrgrupp").formParam("j_password", "x")
                .when().post("/j_security_check").then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("fel användarnamn eller lösenord"), containsString("name=\"viewport\""));
    }
}
