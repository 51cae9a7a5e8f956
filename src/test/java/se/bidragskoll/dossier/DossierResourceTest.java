package se.bidragskoll.dossier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.bidragskoll.Fixtures;

/** The dossier endpoints: store, list, read, report, and bad input that changes nothing. */
@QuarkusTest
class DossierResourceTest {

    @org.junit.jupiter.api.BeforeEach
    void actAsUser() {
        se.bidragskoll.TestUsers.actAs(se.bidragskoll.TestUsers.CONTROLLER_BOTH);
    }

    private static final String PROBLEM = "application/problem+json";

    @Test
    void shouldStoreADossierAndAnswerCreatedWithItsLocationAndReport() {
        String location = given().contentType(ContentType.JSON).body(Fixtures.read(Fixtures.JAMTLAND))
                .when().post("/api/v1/dossiers")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/dossiers/d-"))
                .body("dossier", startsWith("d-"))
                .body("revision", notNullValue())
                .body("outcome", equalTo("NON_COMPLIANT"))
                .body("ruleset.version", startsWith("sha256:"))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        given().when().get("/api/v1/dossiers/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("region", equalTo("23"))
                .body("agreement", equalTo("patientmiljarden-2018"))
                .body("grant.costObject", equalTo("9916"))
                .body("ledger", hasSize(3))
                .body("contentHash", startsWith("sha256:"));

        given().when().get("/api/v1/dossiers/" + id + "/report")
                .then().statusCode(200)
                .body("dossier", equalTo(id))
                .body("conditions.find { it.code == 'REG-COST-OBJECT' }.result", equalTo("FAIL"))
                .body("findings.find { it.code == 'REG-COST-OBJECT' }.facts[0].ref", equalTo("A 104233/2"));

        given().when().get("/api/v1/dossiers?region=23&agreement=patientmiljarden-2018")
                .then().statusCode(200)
                .body("id", hasItem(id))
                .body("find { it.id == '" + id + "' }.regionName", equalTo("Region Jämtland Härjedalen"));
    }

    @Test
    void shouldAddARevisionWhenTheRegionResubmitsAndKeepFingerprints() {
        String body = Fixtures.read(Fixtures.VASTMANLAND);
        String first = given().contentType(ContentType.JSON).body(body).post("/api/v1/dossiers")
                .then().statusCode(201).extract().path("findings.find { it.code == 'FIN-ALLOCATION-CEILING' }.fingerprint");
        var second = given().contentType(ContentType.JSON).body(body).post("/api/v1/dossiers")
                .then().statusCode(201).extract();
        String id = second.path("dossier");
        assertEquals(first, second.path("findings.find { it.code == 'FIN-ALLOCATION-CEILING' }.fingerprint"));
        int revision = second.path("revision");
        given().get("/api/v1/dossiers/" + id + "/revisions")
                .then().statusCode(200)
                .body("revision", hasItem(revision))
                .body("find { it.revision == " + revision + " }.outcome", equalTo("NON_COMPLIANT"));
    }

    @Test
    void shouldAnswerNotFoundAsProblemForAnUnknownDossier() {
        given().when().get("/api/v1/dossiers/d-0000000000000000")
                .then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
        given().when().get("/api/v1/dossiers/d-0000000000000000/report")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an amount written as text | {\"region\":\"23\",\"agreement\":\"patientmiljarden-2018\",\"grant\":{\"grantedAmount\":\"12,6 mnkr\"}} | grant.grantedAmount",
            "an impossible date | {\"region\":\"23\",\"agreement\":\"patientmiljarden-2018\",\"asOf\":\"2018-13-01\"} | asOf",
            "a ledger date that is no date | {\"region\":\"23\",\"agreement\":\"patientmiljarden-2018\",\"ledger\":[{\"voucher\":\"A 1\",\"date\":\"31/05/2018\"}]} | ledger[0].date",
            "a negative granted amount | {\"region\":\"23\",\"agreement\":\"patientmiljarden-2018\",\"grant\":{\"grantedAmount\":-12600000.00}} | grant.grantedAmount",
            "an amount with three decimals | {\"region\":\"23\",\"agreement\":\"patientmiljarden-2018\",\"allocations\":[{\"unit\":\"VS\",\"amount\":10.005}]} | allocations[0].amount",
            "an unknown region | {\"region\":\"99\",\"agreement\":\"patientmiljarden-2018\"} | region",
            "an unknown agreement | {\"region\":\"23\",\"agreement\":\"patientmiljarden-2017\"} | agreement",
            "a missing region | {\"agreement\":\"patientmiljarden-2018\"} | region",
            "a misspelt field | {\"region\":\"23\",\"agreement\":\"patientmiljarden-2018\",\"grantedAmount\":1} | grantedAmount",
            "a list where an object belongs | {\"region\":\"23\",\"agreement\":\"patientmiljarden-2018\",\"grant\":[]} | grant",
            "a month that is no month | {\"region\":\"23\",\"agreement\":\"patientmiljarden-2018\",\"waitingTimeReports\":[{\"month\":\"januari\"}]} | waitingTimeReports[0].month"
    })
    void shouldRejectBadInputNamingTheFieldAndStoreNothing(String what, String body, String field) {
        int before = given().get("/api/v1/dossiers").then().extract().path("size()");
        for (String path : new String[]{"/api/v1/validate", "/api/v1/dossiers"}) {
            given().contentType(ContentType.JSON).body(body)
                    .when().post(path)
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("status", equalTo(400))
                    .body("errors.field", hasItem(field))
                    .body("detail", containsString(field));
        }
        int after = given().get("/api/v1/dossiers").then().extract().path("size()");
        assertEquals(before, after);
    }

    @Test
    void shouldRejectMalformedJsonWithItsPosition() {
        given().contentType(ContentType.JSON).body("{\"region\": \"23\",")
                .when().post("/api/v1/validate")
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("rad 1"));
    }

    @Test
    void shouldRejectAnEmptyBody() {
        given().contentType(ContentType.JSON)
                .when().post("/api/v1/dossiers")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void shouldExplainBadInputInEnglishOnRequest() {
        given().contentType(ContentType.JSON).header("Accept-Language", "en")
                .body("{\"region\":\"99\",\"agreement\":\"patientmiljarden-2018\"}")
                .when().post("/api/v1/validate")
                .then().statusCode(400)
                .body("errors[0].message", startsWith("Unknown region"));
    }

    @Test
    void shouldJudgeWithTodayWhenAsOfIsAbsentAndNeverPassSilentlyWithoutData() {
        given().contentType(ContentType.JSON).body("{\"region\":\"23\",\"agreement\":\"patientmiljarden-2018\"}")
                .when().post("/api/v1/validate")
                .then().statusCode(200)
                .body("asOf", notNullValue())
                .body("outcome", equalTo("NON_COMPLIANT"))
                .body("conditions.find { it.code == 'FIN-ALLOCATION-CEILING' }.result", equalTo("CANNOT_ASSESS"))
                .body("conditions.find { it.code == 'FIN-ALLOCATION-CEILING' }.missing", hasItem("allocations"))
                .body("conditions.find { it.code == 'PM-ACTION-PLAN-DEADLINE' }.result", equalTo("FAIL"))
                .body("conditions.result", org.hamcrest.Matchers.not(hasItem(equalTo("PASS"))));
    }

    @Test
    void shouldListEveryConditionOfTheCatalogueInTheReport() {
        // every condition of the catalogue but the region plan's own (a plan report lists those)
        int catalogue = given().get("/api/v1/rules").then().statusCode(200)
                .extract().path("conditions.findAll { it.family != 'plan' }.size()");
        given().contentType(ContentType.JSON).body(Fixtures.read(Fixtures.VASTMANLAND))
                .when().post("/api/v1/validate")
                .then().statusCode(200)
                .body("conditions", hasSize(catalogue))
                .body("conditions.find { it.code == 'REG-COST-OBJECT' }.result", equalTo("NOT_APPLICABLE"))
                .body("region", equalTo("19"))
                .body("ruleset.version", startsWith("sha256:"))
                .body("findings[0].id", endsWith("1"));
    }
}
