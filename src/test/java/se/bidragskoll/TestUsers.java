package se.bidragskoll;

import io.restassured.RestAssured;
import io.restassured.authentication.AuthenticationScheme;

/** The demo users of the embedded default, and the tests' controller for both seed regions. */
public final class TestUsers {

    public static final String CONTROLLER_JH = "kontroller-jh";
    public static final String CONTROLLER_VM = "kontroller-vm";
    public static final String CONTROLLER_BOTH = "kontroller-jh-vm";
    public static final String STEERING = "styrgrupp";
    public static final String RULE_AUTHOR = "regelforfattare";

    private TestUsers() {
    }

    /** The demo users' password is their name. */
    public static AuthenticationScheme as(String user) {
        return RestAssured.preemptive().basic(user, user);
    }

    /** Logs the user in on the login page (302) and gives the page session's cookies. */
    public static java.util.Map<String, String> pageLogin(String user) {
        return RestAssured.given().redirects().follow(false).contentType(io.restassured.http.ContentType.URLENC)
                .formParam("j_username", user).formParam("j_password", user)
                .when().post("/j_security_check").then().statusCode(302).extract().cookies();
    }

    /**
     * Logs out as the pages do: the logout form of a page (its CSRF token, with the CSRF cookie that page
     * set) posted to {@code /logga-ut}. The answer is not followed.
     */
    public static io.restassured.response.Response pageLogout(java.util.Map<String, String> session) {
        io.restassured.response.Response page = RestAssured.given().cookies(session).redirects().follow(false)
                .get("/kalender");
        page.then().statusCode(200);
        java.util.Map<String, String> cookies = new java.util.HashMap<>(session);
        cookies.putAll(page.cookies());
        java.util.regex.Matcher token = java.util.regex.Pattern.compile(
                "<form method=\"post\" action=\"/logga-ut\"[^>]*><input type=\"hidden\" name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(page.asString());
        if (!token.find()) {
            throw new AssertionError("the page has no logout form with a CSRF token");
        }
        return RestAssured.given().cookies(cookies).redirects().follow(false)
                .contentType(io.restassured.http.ContentType.URLENC).formParam("csrf", token.group(1))
                .post("/logga-ut");
    }

    /** Every request of the test class as this user unless it says otherwise. */
    public static void actAs(String user) {
        RestAssured.authentication = as(user);
    }
}
