package se.bidragskoll.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertTrue;
import se.bidragskoll.Fixtures;
import se.bidragskoll.TestUsers;

/** The operators' meters in Prometheus' text format after a dry run, a submission, a ledger and a reload. */
@QuarkusTest
class MetricsTest {

    @org.junit.jupiter.api.BeforeEach
    void noDefaultUser() {
        io.restassured.RestAssured.authentication = io.restassured.RestAssured.DEFAULT_AUTH;
    }

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

    @Test
    void shouldLabelHttpMetricsByRouteTemplateNotByTheDossierOrFindingIdItCarries() {
        String id = given().auth().preemptive().basic(TestUsers.CONTROLLER_BOTH, TestUsers.CONTROLLER_BOTH)
                .contentType(ContentType.JSON).body(Fixtures.read(Fixtures.JAMTLAND))
                .post("/api/v1/dossiers").then().statusCode(201).extract().path("dossier");
        String finding = given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING)
                .get("/api/v1/findings?region=23").then().statusCode(200).extract().path("items[0].id");
        var steering = given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING);
        for (String path : new String[]{"/api/v1/dossiers/" + id, "/api/v1/dossiers/" + id + "/report",
                "/api/v1/dossiers/" + id + "/report.xlsx", "/api/v1/dossiers/d-0000000000000000/report",
                "/api/v1/findings/" + finding, "/api/v1/findings/" + finding + "/history"}) {
            given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING).get(path);
        }
        java.util.Map<String, String> page = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("j_username", TestUsers.STEERING).formParam("j_password", TestUsers.STEERING)
                .post("/j_security_check").then().extract().cookies();
        for (String path : new String[]{"/underlag/" + id, "/underlag/" + id + "/rapport.xlsx",
                "/underlag/" + id + "/arbetsbok.xlsx", "/fynd/" + finding, "/underlag/d-0000000000000000",
                "/plan/19/2023", "/sprak/en"}) {
            given().cookies(page).redirects().follow(false).get(path);
        }

        // refused before any endpoint: the login page's redirect, the API's 401, a bad Basic header
        given().redirects().follow(false).get("/underlag/" + id).then().statusCode(302);
        given().redirects().follow(false).get("/fynd/" + finding).then().statusCode(302);
        given().get("/api/v1/dossiers/" + id + "/report").then().statusCode(401);
        given().header("Authorization", "Basic inte-base64").get("/api/v1/findings/" + finding).then().statusCode(401);
        given().auth().preemptive().basic(TestUsers.STEERING, "fel").get("/api/v1/dossiers/" + id).then().statusCode(401);
        given().auth().preemptive().basic(TestUsers.RULE_AUTHOR, TestUsers.RULE_AUTHOR).get("/api/v1/dossiers/" + id)
                .then().statusCode(403);

        String metrics = given().auth().preemptive().basic(TestUsers.RULE_AUTHOR, TestUsers.RULE_AUTHOR).accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.List<String> uris = new java.util.TreeSet<>(java.util.regex.Pattern.compile("uri=\"([^\"]*)\"")
                .matcher(metrics).results().map(m -> m.group(1)).toList()).stream().toList();
        assertTrue(uris.stream().noneMatch(u -> u.contains(id) || u.contains(finding) || u.contains("d-0000")
                        || u.matches(".*/(19|23)/.*")),
                "no ids in the uri label: " + uris);
        assertTrue(uris.contains("/api/v1/dossiers/{id}/report") && uris.contains("/underlag/{id}"), "templates: " + uris);
    }

    /** Anonymous requests to made-up API paths add no label values: they share one. */
    @Test
    void shouldNotGrowTheUriLabelWithMadeUpApiPaths() {
        for (int i = 0; i < 5; i++) {
            given().redirects().follow(false).get("/api/v1/hittepa-" + i).then().statusCode(401);
            given().redirects().follow(false).get("/api/v9/finns-inte/" + i + "/alls").then().statusCode(401);
        }
        given().get("/api/v1/validate").then().statusCode(401);
        String metrics = given().auth().preemptive().basic(TestUsers.RULE_AUTHOR, TestUsers.RULE_AUTHOR).accept("text/plain")
                .get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.Set<String> uris = new java.util.TreeSet<>(java.util.regex.Pattern.compile("uri=\"([^\"]*)\"")
                .matcher(metrics).results().map(m -> m.group(1)).toList());
        assertTrue(uris.stream().noneMatch(u -> u.contains("hittepa") || u.contains("finns-inte")), "made-up paths: " + uris);
        assertTrue(uris.contains(UnknownApiPaths.UNKNOWN), uris.toString());
        assertTrue(uris.contains("/api/v1/validate"), "a real path keeps its label: " + uris);
    }

    /** Every fixed path of the API (no parameter) keeps its own label when refused: the list knows them all. */
    @Test
    void shouldKnowEveryFixedPathOfTheApi() throws Exception {
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        java.util.List<String> missing = new java.util.ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(p -> {
            java.util.List<String> expanded = p.contains("{format}") ? java.util.List.of(p.replace("{format}", "csv"),
                    p.replace("{format}", "xlsx")) : java.util.List.of(p);
            for (String path : expanded) {
                if (!path.contains("{") && !UnknownApiPaths.FIXED.contains(path)) {
                    missing.add(path);
                }
            }
        });
        assertTrue(missing.isEmpty(), "fixed API paths not in UnknownApiPaths.FIXED: " + missing);
    }
}
