package se.bidragskoll.share;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;
import se.bidragskoll.TestUsers;

/** The distribution key with SCB's county populations says which figure of the 2018 examples is off. */
@QuarkusTest
class GrantShareExamplesTest {

    @BeforeEach
    void actAsUser() {
        TestUsers.actAs(TestUsers.CONTROLLER_BOTH);
    }

    @Test
    void shouldSayVastmanlandsFifteenMillionIsNotItsShareWhileItsAllocationsAre() {
        given().contentType(ContentType.JSON).body(Fixtures.read(Fixtures.VASTMANLAND))
                .when().post("/api/v1/validate")
                .then().statusCode(200)
                .body("outcome", equalTo("NON_COMPLIANT"))
                .body("conditions.find { it.code == 'FIN-ALLOCATION-CEILING' }.result", equalTo("FAIL"))
                .body("conditions.find { it.code == 'PM-SUPPLEMENT-PURPOSE' }.result", equalTo("PASS"))
                .body("conditions.find { it.code == 'PM-GRANT-SHARE' }.result", equalTo("FAIL"))
                .body("findings.findAll { it.code == 'PM-GRANT-SHARE' }", hasSize(1))
                .body("findings.find { it.code == 'PM-GRANT-SHARE' }.amount", equalTo(1072442.00f))
                .body("findings.find { it.code == 'PM-GRANT-SHARE' }.facts.ref",
                        containsInAnyOrder("grant.grantedAmount", "PPHV", "VS"))
                .body("findings.find { it.code == 'PM-GRANT-SHARE' }.message",
                        containsString("Fördelningarna, 16 080 000 kr, stämmer med andelen"))
                .body("findings.find { it.code == 'PM-GRANT-SHARE' }.message", containsString("16 072 442 kr"))
                .body("findings.find { it.code == 'PM-GRANT-SHARE' }.message",
                        containsString("(271\u00a0095 av 10\u00a0120\u00a0242 invånare"))
                .body("findings.find { it.code == 'PM-GRANT-SHARE' }.source.clause",
                        containsString("befolkningsunderlaget den 1 november 2017"));
    }

    @Test
    void shouldPassJamtlandsTwelvePointSixMillionAsItsShareOfTheBillion() {
        given().contentType(ContentType.JSON).body(Fixtures.read(Fixtures.JAMTLAND))
                .when().post("/api/v1/validate")
                .then().statusCode(200)
                .body("outcome", equalTo("NON_COMPLIANT"))
                .body("conditions.find { it.code == 'PM-GRANT-SHARE' }.result", equalTo("PASS"))
                .body("conditions.find { it.code == 'REG-COST-OBJECT' }.result", equalTo("FAIL"));
    }
}
