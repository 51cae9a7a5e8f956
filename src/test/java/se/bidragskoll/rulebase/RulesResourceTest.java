package se.bidragskoll.rulebase;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The loaded rule set as rule authors read it, and the service's health and API description. */
@QuarkusTest
class RulesResourceTest {

    @org.junit.jupiter.api.BeforeEach
    void actAsUser() {
        se.bidragskoll.TestUsers.actAs(se.bidragskoll.TestUsers.CONTROLLER_BOTH);
    }

    @Test
    void shouldShowTheVersionAndEveryConditionWithItsRules() {
        given().when().get("/api/v1/rules")
                .then().statusCode(200)
                .body("version", startsWith("sha256:"))
                .body("conditions.size()", greaterThan(19))
                .body("conditions.find { it.code == 'REG-COST-OBJECT' }.source.clause",
                        equalTo("Kostnader för aktiviteter inom denna satsning ska registreras till objekt 9916."))
                .body("conditions.find { it.code == 'REG-COST-OBJECT' }.rules.file", hasItem("families/cost-object.drl"))
                .body("conditions.rules", everyItem(not(hasSize(0))))
                .body("ruleCount", greaterThan(20))
                .body("agreements.id", hasItem("patientmiljarden-2018-tillagg"))
                .body("regions.region", hasItem("23"));
    }

    @Test
    void shouldReportHealthAndPublishTheOpenApiDocument() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/validate'", org.hamcrest.Matchers.notNullValue());
    }
}
