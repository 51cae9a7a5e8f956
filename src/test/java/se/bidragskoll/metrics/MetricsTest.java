package se.bidragskoll.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;
import se.bidragskoll.TestUsers;

/** The operators' meters in Prometheus' text format after a dry run, a submission, a ledger and a reload. */
@QuarkusTest
class MetricsTest {

    @Test
    void shouldAnswerPrometheusTextWithJudgementsFindingsLedgerLinesAndReloads() throws Exception {
        given().auth().preemptive().basic(TestUsers.CONTROLLER_JH, TestUsers.CONTROLLER_JH)
                .contentType(ContentType.JSON).body(Fixtures.read(Fixtures.JAMTLAND))
                .post("/api/v1/validate").then().statusCode(200);
        String id = given().auth().preemptive().basic(TestUsers.CONTROLLER_BOTH, TestUsers.CONTROLLER_BOTH)
                .contentType(ContentType.JSON).body(Fixtures.read(Fixtures.JAMTLAND))
                .post("/api/v1/dossiers").then().statusCode(201).extract().path("dossier");
        given().auth().preemptive().basic(TestUsers.CONTROLLER_BOTH, TestUsers.CONTROLLER_BOTH)
                .contentType("text/csv").body(Fixtures.bytes("ledgers/raindance-utf8-bom.csv"))
                .put("/api/v1/dossiers/" + id + "/ledger").then().statusCode(200);
        given().auth().preemptive().basic(TestUsers.RULE_AUTHOR, TestUsers.RULE_AUTHOR)
                .post("/api/v1/rules/reload").then().statusCode(200);

        given().accept("text/plain").get("/q/metrics").then().statusCode(401);
        given().auth().preemptive().basic(TestUsers.CONTROLLER_BOTH, TestUsers.CONTROLLER_BOTH)
                .accept("text/plain").get("/q/metrics").then().statusCode(403);
        given().auth().preemptive().basic(TestUsers.RULE_AUTHOR, TestUsers.RULE_AUTHOR)
                .accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE bidragskoll_judgements_total counter"))
                .body(matchesPattern("(?s).*bidragskoll_judgements_total\\{agreement=\"patientmiljarden-2018\",kind=\"validate\",outcome=\"NON_COMPLIANT\"[^}]*} [1-9].*"))
                .body(containsString("kind=\"submit\""))
                .body(containsString("kind=\"ledger\""))
                .body(containsString("bidragskoll_judgement_duration_seconds_count{agreement=\"patientmiljarden-2018\""))
                .body(matchesPattern("(?s).*bidragskoll_findings_total\\{code=\"REG-COST-OBJECT\",severity=\"ERROR\"[^}]*} [1-9].*"))
                .body(matchesPattern("(?s).*bidragskoll_ledger_lines_imported_total\\{source=\"csv\"[^}]*} [1-9].*"))
                .body(matchesPattern("(?s).*bidragskoll_rules_reloads_total\\{result=\"unchanged\"[^}]*} [1-9].*"))
                .body(containsString("bidragskoll_rules_reloads_total{result=\"failed\""));
    }
}
