package se.bidragskoll.ruleset;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;
import se.bidragskoll.RulesCopy;

/** Reloading rules in the running service: broken folders never replace the serving set. */
@QuarkusTest
@TestProfile(RulesReloadTest.CopiedRules.class)
public class RulesReloadTest {

    @org.junit.jupiter.api.BeforeEach
    void actAsUser() {
        se.bidragskoll.TestUsers.actAs(se.bidragskoll.TestUsers.CONTROLLER_BOTH);
    }

    public static final Path RULES = Path.of("target/reload-rules");

    /** The service reads a copy of the rules that the test changes. */
    public static class CopiedRules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            RulesCopy.of(RULES);
            return Map.of("bidragskoll.rules.dir", RULES.toString(), "bidragskoll.rules.reload.scenario-time", "20s");
        }
    }

    private static String version() {
        return given().get("/api/v1/rules").then().statusCode(200).extract().path("version");
    }

    @Test
    void shouldKeepServingTheOldSetWhenTheNewOneIsBrokenAndSwapWhenItIsFixed() {
        RulesCopy.of(RULES);
        given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload").then().statusCode(200);
        String before = version();

        Path drl = RULES.resolve("families/cost-object.drl");
        RulesCopy.replace(drl, "hasAmount, date != null )", "hasAmount, date != null )))(");
        given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem(startsWith("families/cost-object.drl:")));
        assertEquals(before, version());

        RulesCopy.replace(drl, "hasAmount, date != null )))(", "hasAmount, date != null )");
        RulesCopy.moveActionPlanDeadline(RULES, "2018-04-16", "2018-04-12");
        String after = given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload").then().statusCode(200)
                .body("changed", equalTo(true)).body("previous", equalTo(before))
                .extract().path("version");
        assertNotEquals(before, after);
        assertEquals(after, version());
        given().contentType(ContentType.JSON).body(Fixtures.read(Fixtures.JAMTLAND)).post("/api/v1/validate")
                .then().body("ruleset.version", equalTo(after))
                .body("conditions.find { it.code == 'PM-ACTION-PLAN-DEADLINE' }.result", equalTo("FAIL"));

        given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload").then().statusCode(200).body("changed", equalTo(false))
                .body("version", equalTo(after));
    }

    @Test
    void shouldRefuseAReloadWhoseScenariosFailNamingThemAndKeepTheRulesInUse() {
        RulesCopy.of(RULES);
        given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload").then().statusCode(200);
        String before = version();
        // the deadline moved, its scenarios not: they say what the new rules would get wrong
        RulesCopy.replace(RULES.resolve("agreements/patientmiljarden-2018.yaml"), "due: 2018-04-16", "due: 2018-04-12");
        given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem(startsWith(RulesCopy.DEADLINE_SCENARIOS + ":8")))
                .body("errors.message", hasItem(org.hamcrest.Matchers.containsString("expected PASS, got FAIL")));
        assertEquals(before, version());
        given().contentType(ContentType.JSON).body(Fixtures.read(Fixtures.JAMTLAND)).post("/api/v1/validate")
                .then().body("ruleset.version", equalTo(before));
        RulesCopy.of(RULES);
    }

    /**
     * A rule that allocates without end, or never returns, never reaches the reload's scenario run: the
     * gate refuses it as compiled, with its file and line, and the rules in use stay.
     */
    @Test
    void shouldRefuseAReloadWhoseRulesAllocateWithoutEndOrNeverFinish() {
        RulesCopy.of(RULES);
        given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload").then().statusCode(200);
        String before = version();
        Path drl = RULES.resolve("families/exit-plan.drl");
        RulesCopy.replace(drl, "    out.finding(drools, $c).measure($m).amount($m.amount())",
                "    java.util.List hoard = new java.util.ArrayList();\n    while (hoard.size() >= 0) { hoard.add(new long[4096]); }\n"
                        + "    out.finding(drools, $c).measure($m).amount($m.amount())");
        given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem(startsWith("families/exit-plan.drl:")))
                .body("errors.message", hasItem(org.hamcrest.Matchers.containsString("java.util.ArrayList")));
        assertEquals(before, version());

        RulesCopy.of(RULES);
        RulesCopy.replace(drl, "    out.finding(drools, $c).measure($m).amount($m.amount())",
                "    long spin = 0;\n    while (spin >= 0) { spin = (spin + 1) % 1000; }\n"
                        + "    out.finding(drools, $c).measure($m).amount($m.amount())");
        given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.message", hasItem(org.hamcrest.Matchers.containsString("a loop")));
        assertEquals(before, version());
        given().contentType(ContentType.JSON).body(Fixtures.read(Fixtures.JAMTLAND)).post("/api/v1/validate")
                .then().statusCode(200).body("ruleset.version", equalTo(before));
        RulesCopy.of(RULES);
    }

    /** Attack files of the corpus sent to a reload: each a 422 problem at its file and line, nothing run. */
    @Test
    void shouldRefuseAttackRuleFilesOnReloadWithTheirFileAndLine() throws java.io.IOException {
        RulesCopy.of(RULES);
        given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload").then().statusCode(200);
        String before = version();
        for (String attack : java.util.List.of("unicode-escape-closes-string.drl", "runtime-exec.drl",
                "class-loader-chain.drl", "large-array.drl", "endless-loop.drl", "import-accumulate.drl",
                "metadata-expression.drl", "mvel-class-property.drl", "timer-thread.drl")) {
            String text = java.nio.file.Files.readString(RuleGateTest.ATTACKS.resolve(attack));
            java.nio.file.Files.writeString(RULES.resolve("families/attack.drl"), text);
            given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("errors.field", hasItem(startsWith("families/attack.drl:" + RuleGateTest.markedLine(text) + ":")));
            assertEquals(before, version(), attack);
        }
        org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(Path.of("target/pwned")));
        RulesCopy.of(RULES);
    }

    @Test
    void shouldAnswerEveryRequestWhileRulesAreReloaded() throws Exception {
        RulesCopy.of(RULES);
        given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload").then().statusCode(200);
        String body = Fixtures.read(Fixtures.JAMTLAND);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Future<?>[] load = new Future<?>[3];
        for (int i = 0; i < load.length; i++) {
            load[i] = pool.submit(() -> {
                while (running.get()) {
                    int status = given().contentType(ContentType.JSON).body(body).post("/api/v1/validate").statusCode();
                    (status == 200 ? ok : failed).incrementAndGet();
                }
            });
        }
        Path yaml = RULES.resolve("agreements/patientmiljarden-2018.yaml");
        Path drl = RULES.resolve("families/exit-plan.drl");
        java.nio.file.Files.delete(RULES.resolve(RulesCopy.DEADLINE_SCENARIOS));
        for (int round = 0; round < 3; round++) {
            RulesCopy.replace(yaml, "due: 2018-04-16", "due: 2018-04-15");
            given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload").then().statusCode(200);
            RulesCopy.replace(drl, "$m : Measure(", "$m : Massure(");
            given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload").then().statusCode(422);
            RulesCopy.replace(drl, "$m : Massure(", "$m : Measure(");
            RulesCopy.replace(yaml, "due: 2018-04-15", "due: 2018-04-16");
            given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload").then().statusCode(200);
        }
        running.set(false);
        for (Future<?> f : load) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(0, failed.get(), "requests that failed during reloads");
        org.junit.jupiter.api.Assertions.assertTrue(ok.get() > 0);
    }

    /**
     * The acceptance test of agreements as data: a rule author writes a new agreement file in the
     * documented format, using only existing families, and the running service judges dossiers under it
     * with findings citing that file's clauses — no Java, no DRL.
     */
    @Test
    void shouldJudgeANewAgreementWrittenAsDataWithItsOwnClauses() throws Exception {
        RulesCopy.of(RULES);
        java.nio.file.Files.writeString(RULES.resolve("agreements/exempel-2024.yaml"), """
                id: exempel-2024
                title: { sv: Exempelöverenskommelse 2024, en: Example agreement 2024 }
                source: { document: "Exempelöverenskommelse 2024 (testfil)", kind: agreement-text }
                validFrom: 2024-01-01
                conditions:
                  - code: EX24-REPORT
                    family: event-deadline
                    params: { event: report-submitted, due: 2024-03-31, recipient: Socialstyrelsen }
                    source: { clause: "Regionen ska redovisa användningen av medlen senast den 31 mars 2024.", where: "avsnitt 7" }
                  - code: EX24-FUNDING-PERIOD
                    family: funding-period
                    params: { from: 2024-01-01, to: 2024-12-31 }
                    source: { clause: "Medlen avser 2024." }
                """);
        given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body("""
                {"region": "19", "agreement": "exempel-2024", "asOf": "2025-04-30",
                 "grant": {"grantedAmount": 1000000.00, "costObject": "9930"},
                 "events": [{"kind": "report-submitted", "date": "2024-04-10", "recipient": "Socialstyrelsen"}],
                 "ledger": [{"voucher": "B 1", "line": 1, "date": "2025-01-20", "account": "4011", "object": "9930", "amount": 5000.00}]}
                """).post("/api/v1/validate")
                .then().statusCode(200)
                .body("conditions.find { it.code == 'EX24-REPORT' }.result", equalTo("FAIL"))
                .body("findings.find { it.code == 'EX24-REPORT' }.message",
                        equalTo("Redovisningen kom in 2024-04-10, 10 dagar efter sista dagen 2024-03-31."))
                .body("findings.find { it.code == 'EX24-REPORT' }.source.clause",
                        equalTo("Regionen ska redovisa användningen av medlen senast den 31 mars 2024."))
                .body("findings.find { it.code == 'EX24-REPORT' }.source.where", equalTo("avsnitt 7"))
                .body("findings.find { it.code == 'EX24-REPORT' }.source.document", equalTo("Exempelöverenskommelse 2024 (testfil)"))
                .body("findings.find { it.code == 'EX24-FUNDING-PERIOD' }.source.clause", equalTo("Medlen avser 2024."))
                .body("conditions.find { it.code == 'PM-FUNDING-PERIOD' }.result", equalTo("NOT_APPLICABLE"))
                .body("conditions.find { it.code == 'REG-EXIT-PLAN' }.result", equalTo("CANNOT_ASSESS"));
        RulesCopy.of(RULES);
        given().auth().preemptive().basic("regelforfattare", "regelforfattare").post("/api/v1/rules/reload")
                .then().statusCode(200);
    }
}
