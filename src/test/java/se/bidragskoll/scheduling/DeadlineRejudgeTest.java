package se.bidragskoll.scheduling;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.bidragskoll.RulesCopy;
import se.bidragskoll.TestUsers;
import se.bidragskoll.dossier.DossierService;
import se.bidragskoll.ruleset.RulesReloadTest;

/**
 * A deadline that a stored report called "not yet due" passes: the deadline job judges the dossier
 * again, the report and the queue say FAIL, the audit trail says why, and a second run does nothing.
 */
@QuarkusTest
@TestProfile(RulesReloadTest.CopiedRules.class)
class DeadlineRejudgeTest {

    @Inject
    DossierService dossiers;

    @AfterEach
    void landedRules() {
        RulesCopy.of(RulesReloadTest.RULES);
        given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload")
                .then().statusCode(200);
    }

    @Test
    void shouldJudgeAgainWhenADeadlineInTheStoredReportHasPassed() throws Exception {
        RulesCopy.of(RulesReloadTest.RULES);
        Files.writeString(RulesReloadTest.RULES.resolve("agreements/framtid-2099.yaml"), """
                id: framtid-2099
                title: { sv: Framtidsöverenskommelse 2099, en: Future agreement 2099 }
                source: { document: "Framtidsöverenskommelse 2099 (testfil)", kind: agreement-text }
                validFrom: 2099-01-01
                period: { from: 2099-01-01, to: 2099-12-31 }
                conditions:
                  - code: FX99-REPORT
                    family: event-deadline
                    params: { event: report-submitted, due: 2099-03-31, recipient: Socialstyrelsen }
                    source: { clause: "Regionen ska redovisa användningen av medlen senast den 31 mars 2099." }
                """);
        given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload")
                .then().statusCode(200);
        String dossier = given().auth().preemptive().basic(TestUsers.CONTROLLER_VM, TestUsers.CONTROLLER_VM)
                .contentType(ContentType.JSON).body("""
                {"region": "19", "agreement": "framtid-2099",
                 "grant": {"grantedAmount": 1000000.00, "costObject": "9930"}}
                """).post("/api/v1/dossiers").then().statusCode(201).extract().path("dossier");
        given().auth().preemptive().basic(TestUsers.CONTROLLER_VM, TestUsers.CONTROLLER_VM)
                .get("/api/v1/dossiers/" + dossier + "/report").then().statusCode(200)
                .body("conditions.find { it.code == 'FX99-REPORT' }.result", equalTo("NOT_YET_DUE"));

        assertEquals(0, dossiers.rejudgePassedDeadlines(LocalDate.of(2099, 3, 31), 50), "on the last day it is still not due");
        assertEquals(1, dossiers.rejudgePassedDeadlines(LocalDate.of(2099, 4, 1), 50));
        given().auth().preemptive().basic(TestUsers.CONTROLLER_VM, TestUsers.CONTROLLER_VM)
                .get("/api/v1/dossiers/" + dossier + "/report").then().statusCode(200)
                .body("conditions.find { it.code == 'FX99-REPORT' }.result", equalTo("FAIL"))
                .body("asOf", equalTo("2099-04-01"));
        given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING)
                .get("/api/v1/findings?code=FX99-REPORT&size=50").then().statusCode(200)
                .body("items.dossier", hasItem(dossier))
                .body("items.find { it.dossier == '" + dossier + "' }.status", equalTo("OPEN"));
        assertEquals(0, dossiers.rejudgePassedDeadlines(LocalDate.of(2099, 4, 2), 50), "judged once");
    }
}
