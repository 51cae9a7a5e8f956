package se.bidragskoll.dossier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;

/** Findings cite the clause of the agreement and region judged, never another region's document. */
@QuarkusTest
class AgreementsAsDataTest {

    @BeforeEach
    void actAsUser() {
        se.bidragskoll.TestUsers.actAs(se.bidragskoll.TestUsers.CONTROLLER_BOTH);
    }

    @Test
    void shouldCiteJamtlandsOwnFigureForThePlanTotal() {
        given().contentType(ContentType.JSON).body(Fixtures.read(Fixtures.JAMTLAND)).post("/api/v1/validate")
                .then().statusCode(200)
                .body("findings.find { it.code == 'FIN-PLAN-TOTAL' }.source.clause", startsWith("SUMMA 12,6"));
    }

    @Test
    void shouldCiteTheGenericClauseForARegionWithoutOneOfItsOwn() {
        se.bidragskoll.TestUsers.actAs("kontroller-ovriga");
        given().contentType(ContentType.JSON)
                .body(Fixtures.read(Fixtures.VASTMANLAND).replace("\"region\": \"19\"", "\"region\": \"06\""))
                .post("/api/v1/validate")
                .then().statusCode(200)
                .body("findings.find { it.code == 'FIN-ALLOCATION-CEILING' }.source.clause",
                        startsWith("Fördelningar av ett statsbidrag kan inte överstiga"))
                .body("findings.source.clause", not(hasItem(startsWith("För Region Västmanland"))));
    }

    @Test
    void shouldJudgeKvinnorsHalsa2023UnderItsOwnSummarySource() {
        given().contentType(ContentType.JSON).body("""
                {"region": "19", "agreement": "kvinnors-halsa-2023", "asOf": "2023-06-30",
                 "grant": {"grantedAmount": 38346171.00},
                 "allocations": [{"unit": "FÖRL", "amount": 20000000.00, "purpose": "Jämlik vård"},
                                 {"unit": "IT", "amount": 400000.00, "purpose": "it-licenser"}]}
                """).post("/api/v1/validate")
                .then().statusCode(200)
                .body("conditions.find { it.code == 'KH23-PURPOSES' }.result", equalTo("FAIL"))
                .body("findings.findAll { it.code == 'KH23-PURPOSES' }.size()", equalTo(1))
                .body("findings.find { it.code == 'KH23-PURPOSES' }.severity", equalTo("WARNING"))
                .body("findings.find { it.code == 'KH23-PURPOSES' }.source.kind", equalTo("summary"))
                .body("findings.find { it.code == 'KH23-PURPOSES' }.facts[0].ref", equalTo("IT"))
                .body("conditions.find { it.code == 'PM-FUNDING-PERIOD' }.result", equalTo("NOT_APPLICABLE"));
    }

    @Test
    void shouldReadAnInstantInSwedishTimeWhateverItsOffset() {
        String dossier = """
                {"region": "23", "agreement": "patientmiljarden-2018", "asOf": "2018-06-30",
                 "actionPlan": {"submittedOn": "%s"}}
                """;
        given().contentType(ContentType.JSON).body(dossier.formatted("2018-04-16T22:30:00Z")).post("/api/v1/validate")
                .then().statusCode(200)
                .body("conditions.find { it.code == 'PM-ACTION-PLAN-DEADLINE' }.result", equalTo("FAIL"));
        given().contentType(ContentType.JSON).body(dossier.formatted("2018-04-17T00:30:00+02:00")).post("/api/v1/validate")
                .then().statusCode(200)
                .body("conditions.find { it.code == 'PM-ACTION-PLAN-DEADLINE' }.result", equalTo("FAIL"));
        given().contentType(ContentType.JSON).body(dossier.formatted("2018-04-16T23:59:00+02:00")).post("/api/v1/validate")
                .then().statusCode(200)
                .body("conditions.find { it.code == 'PM-ACTION-PLAN-DEADLINE' }.result", equalTo("PASS"));
        given().contentType(ContentType.JSON).body(dossier.formatted("16 april")).post("/api/v1/validate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("actionPlan.submittedOn"));
    }

    @Test
    void shouldRefuseAnEventOfUnknownKindNamingTheField() {
        given().contentType(ContentType.JSON).body("""
                {"region": "23", "agreement": "patientmiljarden-2018",
                 "events": [{"kind": "report-submitted", "date": "2019-01-10"}, {"kind": "rapport", "date": "2019-01-10"}]}
                """).post("/api/v1/validate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("events[1].kind"));
    }

    @Test
    void shouldAcceptMoneyReturnedToTheGrantAsANegativeDrawdown() {
        given().contentType(ContentType.JSON).body("""
                {"region": "19", "agreement": "patientmiljarden-2018-tillagg", "asOf": "2018-12-31",
                 "drawdowns": [{"unit": "VS", "date": "2018-06-30", "amount": 500000.00},
                               {"unit": "VS", "date": "2018-09-30", "amount": -100000.00}]}
                """).post("/api/v1/validate")
                .then().statusCode(200);
    }
}
