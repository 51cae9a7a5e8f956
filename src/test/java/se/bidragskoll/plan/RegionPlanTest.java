package se.bidragskoll.plan;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;
import se.bidragskoll.TestUsers;

/** Region Västmanland's 2023 plan (seed 003, 5.1.3) gives what ../shared/examples/README.md says. */
@QuarkusTest
class RegionPlanTest {

    static final String PLAN = "examples/vastmanland-regionplan-2023.json";

    @BeforeEach
    void actAsUser() {
        TestUsers.actAs(TestUsers.CONTROLLER_VM);
    }

    @Test
    void shouldSayWhatTheSeedExampleSaysOfVastmanlandsPlan() {
        given().contentType(ContentType.JSON).body(Fixtures.read(PLAN))
                .when().post("/api/v1/plans/validate")
                .then().statusCode(200)
                .body("region", equalTo("19"))
                .body("year", equalTo(2023))
                .body("outcome", equalTo("NON_COMPLIANT"))
                // the plan column adds up to its stated 434,5 mnkr; the budget column is 100 000 kr off,
                // within the rounding of eleven one-decimal figures: a note, not an error
                .body("conditions.find { it.code == 'PLAN-STATED-TOTALS' }.result", equalTo("PASS"))
                .body("findings.findAll { it.code == 'PLAN-STATED-TOTALS' }", hasSize(1))
                .body("findings.find { it.code == 'PLAN-STATED-TOTALS' }.severity", equalTo("INFO"))
                .body("findings.find { it.code == 'PLAN-STATED-TOTALS' }.amount", equalTo(100000.0f))
                .body("findings.find { it.code == 'PLAN-STATED-TOTALS' }.facts.ref",
                        contains("statedTotals.administrationBudget"))
                // every line's budget is within its plan amount
                .body("conditions.find { it.code == 'PLAN-BUDGET-WITHIN-PLAN' }.result", equalTo("PASS"))
                .body("findings.findAll { it.code == 'PLAN-BUDGET-WITHIN-PLAN' }", empty())
                // the three established (permanent) lines have no exit plan: the region's own rule
                .body("conditions.find { it.code == 'PLAN-EXIT-PLAN' }.result", equalTo("FAIL"))
                .body("findings.findAll { it.code == 'PLAN-EXIT-PLAN' }.facts.ref.flatten()",
                        contains("line:1", "line:3", "line:4"))
                .body("findings.findAll { it.code == 'PLAN-EXIT-PLAN' }.severity", contains("ERROR", "ERROR", "ERROR"))
                .body("findings.find { it.code == 'PLAN-EXIT-PLAN' }.source.clause",
                        containsString("ska det finnas en plan för hur verksamheterna ska finansieras när statsbidraget upphör"))
                .body("findings.find { it.code == 'PLAN-EXIT-PLAN' }.source.where", equalTo("avsnitt 5.1.3"))
                // Kvinnosjukvård: 25,7 mnkr against SKR's 38 346 171 + 827 465 kr, a note
                .body("findings.findAll { it.code == 'PLAN-REGION-SHARE' }", hasSize(1))
                .body("findings.find { it.code == 'PLAN-REGION-SHARE' }.severity", equalTo("INFO"))
                .body("findings.find { it.code == 'PLAN-REGION-SHARE' }.amount", equalTo(13473636.0f))
                .body("findings.find { it.code == 'PLAN-REGION-SHARE' }.facts.ref", contains("line:1"))
                .body("findings.find { it.code == 'PLAN-REGION-SHARE' }.source.kind", equalTo("summary"))
                .body("lines[0].statedShare", equalTo(39173636.0f))
                // two lines name no agreement the checker knows: not assessable, never passed
                .body("conditions.find { it.code == 'PLAN-KNOWN-AGREEMENT' }.result", equalTo("CANNOT_ASSESS"))
                .body("findings.findAll { it.code == 'PLAN-KNOWN-AGREEMENT' }.facts.ref.flatten()",
                        contains("line:4", "line:11"))
                .body("lines.findAll { !it.agreementKnown }.name",
                        contains("Sjukskrivningsprocessen/-rehabkoordinator", "Ökad läkarkompetens i äldrevården"))
                // the other nine lines name known agreements; the recovery bonus says it rests on an ordinance
                .body("lines.findAll { it.agreementKnown }", hasSize(9))
                .body("lines.find { it.agreement == 'aterhamtningsbonus-2023' }.basis", containsString("förordning (2021:313)"))
                .body("summary.errors", equalTo(3));
    }

    @Test
    void shouldWriteThePlanReportInEnglishOnRequest() {
        given().contentType(ContentType.JSON).header("Accept-Language", "en").body(Fixtures.read(PLAN))
                .when().post("/api/v1/plans/validate")
                .then().statusCode(200)
                .body("findings.find { it.code == 'PLAN-EXIT-PLAN' }.message", startsWith("Line 1 (Kvinnosjukvård"));
    }

    @Test
    void shouldStoreThePlanAndLinkEachLineToTheLatestDossierOfItsAgreement() {
        String dossier = given().contentType(ContentType.JSON)
                .body("{\"region\":\"19\",\"agreement\":\"kvinnors-halsa-2023\",\"asOf\":\"2023-06-30\","
                        + "\"grant\":{\"grantedAmount\":38346171.00},"
                        + "\"allocations\":[{\"unit\":\"FÖRL\",\"amount\":20000000.00,\"purpose\":\"jamlik-vard\"}]}")
                .when().post("/api/v1/dossiers")
                .then().statusCode(201).extract().path("dossier");

        String location = given().contentType(ContentType.JSON).body(Fixtures.read(PLAN))
                .when().post("/api/v1/plans")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/plans/p-"))
                .body("plan", startsWith("p-"))
                .body("outcome", equalTo("NON_COMPLIANT"))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        given().when().get("/api/v1/plans?region=19&year=2023")
                .then().statusCode(200).body("id", hasItem(id));
        given().when().get("/api/v1/plans/" + id)
                .then().statusCode(200).body("plan.lines", hasSize(11));
        given().when().get("/api/v1/plans/" + id + "/report")
                .then().statusCode(200)
                .body("plan", equalTo(id))
                .body("lines[0].dossier.id", equalTo(dossier))
                .body("lines[0].dossier.outcome", notNullValue())
                .body("lines[3].dossier", nullValue());
        // the steering group reads every region's plan
        given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING)
                .when().get("/api/v1/plans/" + id + "/report").then().statusCode(200);
        // a controller of another region does not learn that the plan exists
        given().auth().preemptive().basic(TestUsers.CONTROLLER_JH, TestUsers.CONTROLLER_JH)
                .when().get("/api/v1/plans/" + id).then().statusCode(404);
        given().auth().preemptive().basic(TestUsers.CONTROLLER_JH, TestUsers.CONTROLLER_JH)
                .when().get("/api/v1/plans?region=19").then().statusCode(200).body("$", empty());
    }

    @Test
    void shouldRefuseAPlanForAnotherRegionAndAPlanWithoutLines() {
        given().auth().preemptive().basic(TestUsers.CONTROLLER_JH, TestUsers.CONTROLLER_JH)
                .contentType(ContentType.JSON).body(Fixtures.read(PLAN))
                .when().post("/api/v1/plans").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"region\":\"19\",\"year\":2023,\"lines\":[]}")
                .when().post("/api/v1/plans/validate")
                .then().statusCode(400)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void shouldCallABudgetAboveItsPlanAmountAndATotalBeyondRoundingErrors() {
        given().contentType(ContentType.JSON)
                .body("{\"region\":\"19\",\"year\":2023,\"precision\":100000.00,"
                        + "\"lines\":[{\"name\":\"Psykisk hälsa\",\"agreement\":\"psykisk-halsa-2023\","
                        + "\"planAmount\":19700000.00,\"administrationBudget\":37500000.00,\"permanent\":false},"
                        + "{\"name\":\"Cancervård\",\"agreement\":\"cancervard-2023\",\"planAmount\":10000000.00,"
                        + "\"administrationBudget\":10000000.00,\"permanent\":true,\"exitPlan\":\"Finansieras i budget 2025\"}],"
                        + "\"statedTotals\":{\"planAmount\":30000000.00,\"administrationBudget\":47500000.00}}")
                .when().post("/api/v1/plans/validate")
                .then().statusCode(200)
                .body("conditions.find { it.code == 'PLAN-BUDGET-WITHIN-PLAN' }.result", equalTo("FAIL"))
                .body("findings.find { it.code == 'PLAN-BUDGET-WITHIN-PLAN' }.amount", equalTo(17800000.0f))
                .body("findings.find { it.code == 'PLAN-BUDGET-WITHIN-PLAN' }.facts.ref", contains("line:1"))
                .body("conditions.find { it.code == 'PLAN-STATED-TOTALS' }.result", equalTo("FAIL"))
                .body("findings.findAll { it.code == 'PLAN-STATED-TOTALS' }.severity", containsInAnyOrder("WARNING"))
                .body("conditions.find { it.code == 'PLAN-EXIT-PLAN' }.result", equalTo("PASS"))
                .body("conditions.find { it.code == 'PLAN-KNOWN-AGREEMENT' }.result", equalTo("PASS"))
                .body("conditions.find { it.code == 'PLAN-REGION-SHARE' }.result", equalTo("CANNOT_ASSESS"));
    }

    @Test
    void shouldJudgeTheStoredPlanAgainWhenADossierOfItsYearIsStoredAndQueueItsFindings() {
        String location = given().contentType(ContentType.JSON).body(Fixtures.read(PLAN))
                .when().post("/api/v1/plans")
                .then().statusCode(201).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        given().contentType(ContentType.JSON)
                .body("{\"region\":\"19\",\"agreement\":\"kvinnors-halsa-2023\",\"asOf\":\"2023-06-30\","
                        + "\"grant\":{\"grantedAmount\":30000000.00}}")
                .when().post("/api/v1/dossiers").then().statusCode(201);
        // the plan's report now holds the dossier: 25,7 mnkr planned, 30 mnkr granted, 39,2 mnkr the share
        given().when().get("/api/v1/plans/" + id + "/report")
                .then().statusCode(200)
                .body("dossiers.find { it.agreement == 'kvinnors-halsa-2023' }.grantedAmount", equalTo(30000000.0f))
                .body("conditions.find { it.code == 'PLAN-DOSSIER-AMOUNT' }.result", equalTo("FAIL"))
                .body("findings.find { it.code == 'PLAN-DOSSIER-AMOUNT' }.facts.ref", hasItem("line:1"))
                .body("findings.find { it.code == 'PLAN-DOSSIER-AMOUNT' }.message",
                        containsString("inget av beloppen stämmer med andelen"));
        // plan findings are in the review queue, filterable by plan
        given().when().get("/api/v1/findings?subject=plan&plan=" + id + "&size=200")
                .then().statusCode(200)
                .body("items.code", hasItem("PLAN-EXIT-PLAN"))
                .body("items.code", hasItem("PLAN-DOSSIER-AMOUNT"))
                .body("items.plan", everyItem(equalTo(id)))
                .body("items.dossier", everyItem(nullValue()));
        given().when().get("/api/v1/findings?subject=dossier&size=200")
                .then().statusCode(200)
                .body("items.code", not(hasItem("PLAN-EXIT-PLAN")));
    }

    @Test
    void shouldCallALineWhoseAgreementIsForAnotherYear() {
        given().contentType(ContentType.JSON)
                .body("{\"region\":\"19\",\"year\":2023,\"asOf\":\"2022-12-31\",\"lines\":[{\"name\":\"Patientmiljarden\","
                        + "\"agreement\":\"patientmiljarden-2018\",\"planAmount\":16080000.00,"
                        + "\"administrationBudget\":16080000.00,\"permanent\":false}]}")
                .when().post("/api/v1/plans/validate")
                .then().statusCode(200)
                .body("conditions.find { it.code == 'PLAN-AGREEMENT-YEAR' }.result", equalTo("FAIL"))
                .body("findings.find { it.code == 'PLAN-AGREEMENT-YEAR' }.facts.ref", contains("line:1"))
                .body("findings.find { it.code == 'PLAN-AGREEMENT-YEAR' }.severity", equalTo("WARNING"));
    }
}
