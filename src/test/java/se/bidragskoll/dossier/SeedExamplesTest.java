package se.bidragskoll.dossier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;

/** The seeds' real cases give exactly what ../shared/examples/README.md says. */
@QuarkusTest
class SeedExamplesTest {

    @org.junit.jupiter.api.BeforeEach
    void actAsUser() {
        se.bidragskoll.TestUsers.actAs(se.bidragskoll.TestUsers.CONTROLLER_BOTH);
    }

    @Test
    void shouldFindThatVastmanlandAllocatesOneMillionEightyThousandMoreThanItsGrant() {
        given().contentType(ContentType.JSON).body(Fixtures.read(Fixtures.VASTMANLAND))
                .when().post("/api/v1/validate")
                .then().statusCode(200)
                .body("outcome", equalTo("NON_COMPLIANT"))
                .body("conditions.find { it.code == 'FIN-ALLOCATION-CEILING' }.result", equalTo("FAIL"))
                .body("conditions.find { it.code == 'PM-SUPPLEMENT-PURPOSE' }.result", equalTo("PASS"))
                .body("findings.findAll { it.code == 'FIN-ALLOCATION-CEILING' }", hasSize(1))
                .body("findings.find { it.code == 'FIN-ALLOCATION-CEILING' }.severity", equalTo("ERROR"))
                .body("findings.find { it.code == 'FIN-ALLOCATION-CEILING' }.amount", equalTo(1080000.00f))
                .body("findings.find { it.code == 'FIN-ALLOCATION-CEILING' }.facts.findAll { it.type == 'allocation' }.ref",
                        containsInAnyOrder("PPHV", "VS"))
                .body("findings.find { it.code == 'FIN-ALLOCATION-CEILING' }.source.clause",
                        startsWith("För Region Västmanland innebär detta 15 miljoner kronor"));
    }

    @Test
    void shouldFindJamtlandsLineOnTheWrongObjectAndTheUnplannedSixHundredThousand() {
        given().contentType(ContentType.JSON).body(Fixtures.read(Fixtures.JAMTLAND))
                .when().post("/api/v1/validate")
                .then().statusCode(200)
                .body("outcome", equalTo("NON_COMPLIANT"))
                .body("conditions.find { it.code == 'PM-ACTION-PLAN-DEADLINE' }.result", equalTo("PASS"))
                .body("conditions.find { it.code == 'PM-ACTION-PLAN-AREAS' }.result", equalTo("PASS"))
                .body("conditions.find { it.code == 'PM-WAITING-TIME-REPORTING' }.result", equalTo("NOT_YET_DUE"))
                .body("conditions.find { it.code == 'REG-COST-OBJECT' }.result", equalTo("FAIL"))
                .body("findings.findAll { it.code == 'REG-COST-OBJECT' }", hasSize(1))
                .body("findings.find { it.code == 'REG-COST-OBJECT' }.facts.ref", contains("A 104233/2"))
                .body("findings.find { it.code == 'REG-COST-OBJECT' }.amount", equalTo(3210.40f))
                .body("findings.find { it.code == 'REG-COST-OBJECT' }.severity", equalTo("ERROR"))
                .body("findings.find { it.code == 'REG-COST-OBJECT' }.source.clause",
                        equalTo("Kostnader för aktiviteter inom denna satsning ska registreras till objekt 9916."))
                .body("findings.find { it.code == 'FIN-PLAN-TOTAL' }.severity", equalTo("INFO"))
                .body("findings.find { it.code == 'FIN-PLAN-TOTAL' }.amount", equalTo(600000.00f));
    }

    @Test
    void shouldWriteTheFindingInSwedishByDefaultAndInEnglishOnRequest() {
        given().contentType(ContentType.JSON).body(Fixtures.read(Fixtures.JAMTLAND))
                .when().post("/api/v1/validate")
                .then().body("findings.find { it.code == 'REG-COST-OBJECT' }.message",
                        allOf(containsString("A 104233"), containsString("3 210,40 kr"), containsString("9920")));
        given().contentType(ContentType.JSON).header("Accept-Language", "en").body(Fixtures.read(Fixtures.JAMTLAND))
                .when().post("/api/v1/validate")
                .then().body("findings.find { it.code == 'REG-COST-OBJECT' }.message", startsWith("Voucher A 104233 line 2"));
    }
}
