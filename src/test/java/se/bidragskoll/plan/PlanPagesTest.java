package se.bidragskoll.plan;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;
import se.bidragskoll.TestUsers;

/** The region's year as a page: the plan's lines, each grant's latest outcome, the plan's findings. */
@QuarkusTest
class PlanPagesTest {

    @BeforeEach
    void noDefaultUser() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    /** A form login: the session cookie and the server-held session id that logout ends. */
    static java.util.Map<String, String> login(String user) {
        return se.bidragskoll.TestUsers.pageLogin(user);
    }

    @Test
    void shouldShowVastmanlandsYearWithItsLinesOutcomesAndFindings() {
        given().auth().preemptive().basic(TestUsers.CONTROLLER_VM, TestUsers.CONTROLLER_VM)
                .contentType(ContentType.JSON).body(Fixtures.read(RegionPlanTest.PLAN))
                .when().post("/api/v1/plans").then().statusCode(201);
        java.util.Map<String, String> steering = login(TestUsers.STEERING);
        given().cookies(steering).when().get("/")
                .then().statusCode(200).body(containsString("href=\"/plan\""));
        given().cookies(steering).when().get("/plan")
                .then().statusCode(200).body(containsString("/plan/19/2023"));
        given().cookies(steering).when().get("/plan/19/2023")
                .then().statusCode(200)
                .body(allOf(containsString("Region Västmanland: statsbidragen 2023"),
                        containsString("Kvinnosjukvård, specialistvård och primärvård"),
                        containsString("25\u00a0700\u00a0000,00\u00a0kr"),
                        containsString("Okänd överenskommelse"),
                        containsString("PLAN-EXIT-PLAN"),
                        containsString("förordning (2021:313)")));
        java.util.Map<String, String> otherRegion = login(TestUsers.CONTROLLER_JH);
        given().cookies(otherRegion).when().get("/plan/19/2023").then().statusCode(404);
    }

    @Test
    void shouldShowTheYearInEnglishWithLabelsNotCodes() {
        given().auth().preemptive().basic(TestUsers.CONTROLLER_VM, TestUsers.CONTROLLER_VM)
                .contentType(ContentType.JSON).body(Fixtures.read(RegionPlanTest.PLAN))
                .when().post("/api/v1/plans").then().statusCode(201);
        java.util.Map<String, String> steering = login(TestUsers.STEERING);
        String page = given().cookies(steering).cookie("sprak", "en").when().get("/plan/19/2023")
                .then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(page, allOf(containsString("the state grants of 2023"),
                containsString("Plan amount"), containsString("25,700,000.00\u00a0kr"),
                containsString("styrgrupp (steering group)"), org.hamcrest.Matchers.not(containsString("line:")),
                org.hamcrest.Matchers.not(containsString("NON_COMPLIANT<"))));
    }

    @Test
    void shouldLetAControllerUploadThePlanWorkbookAndSeeItsReport() {
        java.util.Map<String, String> controller = login(TestUsers.CONTROLLER_VM);
        io.restassured.response.Response form = given().cookies(controller).when().get("/plan");
        form.then().statusCode(200).body(containsString("id=\"plan-form\""));
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"" + se.bidragskoll.security.FormTokens.FIELD
                + "\" value=\"([^\"]+)\"").matcher(form.asString());
        org.junit.jupiter.api.Assertions.assertTrue(token.find());
        byte[] workbook;
        try {
            workbook = PlanSpreadsheetTest.workbook(PlanSpreadsheetTest.SEED_003, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String location = given().cookies(controller)
                .cookie(se.bidragskoll.security.FormTokens.COOKIE, form.cookie(se.bidragskoll.security.FormTokens.COOKIE))
                .redirects().follow(false)
                .multiPart(se.bidragskoll.security.FormTokens.FIELD, token.group(1))
                .multiPart("plan", "plan.xlsx", workbook, PlanSpreadsheet.XLSX)
                .when().post("/plan").then().statusCode(303).extract().header("Location");
        org.junit.jupiter.api.Assertions.assertTrue(location.endsWith("/plan/19/2023"), location);
        given().cookies(controller).when().get("/plan/19/2023").then().statusCode(200)
                .body(containsString("PLAN-EXIT-PLAN"));
    }
}
