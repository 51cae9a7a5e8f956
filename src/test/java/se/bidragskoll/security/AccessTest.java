package se.bidragskoll.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.bidragskoll.Fixtures;
import se.bidragskoll.TestUsers;

/**
 * Every endpoint for every role: a controller of region 23 never reads or writes region 19's
 * dossier, report, finding or export (404, existence not leaked); roles without the right get 403;
 * nobody anonymous gets in (401).
 */
@QuarkusTest
class AccessTest {

    private static final String JH = TestUsers.CONTROLLER_JH;
    private static final String VM = TestUsers.CONTROLLER_VM;
    private static final String STEERING = TestUsers.STEERING;
    private static final String AUTHOR = TestUsers.RULE_AUTHOR;
    private static final String ANONYMOUS = null;

    private static String vmDossier;
    private static String vmFinding;

    private static RequestSpecification as(String user) {
        return user == null ? given() : given().auth().preemptive().basic(user, user);
    }

    @BeforeEach
    void storeRegion19Dossier() {
        // Other test classes set a default user; here every request says who it is.
        io.restassured.RestAssured.authentication = io.restassured.RestAssured.DEFAULT_AUTH;
        if (vmDossier == null) {
            vmDossier = as(VM).contentType(ContentType.JSON).body(Fixtures.read(Fixtures.VASTMANLAND))
                    .post("/api/v1/dossiers").then().statusCode(201).extract().path("dossier");
            vmFinding = as(STEERING).get("/api/v1/findings?region=19&size=500").then().statusCode(200)
                    .extract().path("items.find { it.dossier == '" + vmDossier + "' }.id");
        }
    }

    static Stream<Arguments> region19Endpoints() {
        return Stream.of(
                // user, method, path, expected status
                Arguments.of(JH, "GET", "/api/v1/dossiers/{d}", 404),
                Arguments.of(VM, "GET", "/api/v1/dossiers/{d}", 200),
                Arguments.of(STEERING, "GET", "/api/v1/dossiers/{d}", 200),
                Arguments.of(AUTHOR, "GET", "/api/v1/dossiers/{d}", 403),
                Arguments.of(ANONYMOUS, "GET", "/api/v1/dossiers/{d}", 401),
                Arguments.of(JH, "GET", "/api/v1/dossiers/{d}/report", 404),
                Arguments.of(VM, "GET", "/api/v1/dossiers/{d}/report", 200),
                Arguments.of(STEERING, "GET", "/api/v1/dossiers/{d}/report", 200),
                Arguments.of(AUTHOR, "GET", "/api/v1/dossiers/{d}/report", 403),
                Arguments.of(JH, "GET", "/api/v1/dossiers/{d}/report.xlsx", 404),
                Arguments.of(VM, "GET", "/api/v1/dossiers/{d}/report.csv", 200),
                Arguments.of(STEERING, "GET", "/api/v1/dossiers/{d}/report.xlsx", 200),
                Arguments.of(JH, "GET", "/api/v1/dossiers/{d}/revisions", 404),
                Arguments.of(VM, "GET", "/api/v1/dossiers/{d}/revisions", 200),
                Arguments.of(JH, "PUT", "/api/v1/dossiers/{d}/ledger", 404),
                Arguments.of(STEERING, "PUT", "/api/v1/dossiers/{d}/ledger", 403),
                Arguments.of(AUTHOR, "PUT", "/api/v1/dossiers/{d}/ledger", 403),
                Arguments.of(JH, "GET", "/api/v1/findings/{f}", 404),
                Arguments.of(VM, "GET", "/api/v1/findings/{f}", 200),
                Arguments.of(STEERING, "GET", "/api/v1/findings/{f}", 200),
                Arguments.of(AUTHOR, "GET", "/api/v1/findings/{f}", 403),
                Arguments.of(JH, "GET", "/api/v1/findings/{f}/history", 404),
                Arguments.of(VM, "GET", "/api/v1/findings/{f}/history", 200),
                Arguments.of(STEERING, "GET", "/api/v1/findings/{f}/history", 200),
                Arguments.of(JH, "POST", "/api/v1/findings/{f}/decisions", 404),
                Arguments.of(VM, "POST", "/api/v1/findings/{f}/decisions", 403),
                Arguments.of(AUTHOR, "POST", "/api/v1/findings/{f}/decisions", 403),
                Arguments.of(ANONYMOUS, "POST", "/api/v1/findings/{f}/decisions", 401),
                Arguments.of(JH, "POST", "/api/v1/dossiers", 404),
                Arguments.of(VM, "POST", "/api/v1/dossiers", 201),
                Arguments.of(STEERING, "POST", "/api/v1/dossiers", 403),
                Arguments.of(AUTHOR, "POST", "/api/v1/dossiers", 403),
                Arguments.of(JH, "POST", "/api/v1/validate", 404),
                Arguments.of(VM, "POST", "/api/v1/validate", 200),
                Arguments.of(STEERING, "POST", "/api/v1/validate", 200),
                Arguments.of(AUTHOR, "POST", "/api/v1/validate", 403),
                Arguments.of(ANONYMOUS, "POST", "/api/v1/validate", 401),
                Arguments.of(JH, "GET", "/api/v1/rules", 200),
                Arguments.of(AUTHOR, "GET", "/api/v1/rules", 200),
                Arguments.of(ANONYMOUS, "GET", "/api/v1/rules", 401),
                Arguments.of(JH, "POST", "/api/v1/rules/reload", 403),
                Arguments.of(STEERING, "POST", "/api/v1/rules/reload", 403),
                Arguments.of(AUTHOR, "POST", "/api/v1/rules/reload", 200),
                Arguments.of(JH, "GET", "/underlag/{d}", 404),
                Arguments.of(JH, "GET", "/fynd/{f}", 404));
    }

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @MethodSource("region19Endpoints")
    void shouldGiveEachRoleExactlyItsAccess(String user, String method, String path, int expected) {
        String resolved = path.replace("{d}", vmDossier).replace("{f}", vmFinding);
        RequestSpecification request = as(user);
        if (resolved.startsWith("/underlag") || resolved.startsWith("/fynd")) {
            // The pages use form login: log in, then carry the session cookies.
            java.util.Map<String, String> cookies = given().redirects().follow(false).contentType(ContentType.URLENC)
                    .formParam("j_username", user).formParam("j_password", user)
                    .post("/j_security_check").then().statusCode(302).extract().cookies();
            request = given().redirects().follow(false).cookies(cookies);
        }
        switch (method) {
            case "GET" -> request.get(resolved).then().statusCode(expected);
            case "PUT" -> request.contentType("text/csv")
                    .body("verifikation;bokforingsdatum;konto;objekt;belopp\nA 1;2018-05-31;4011;9916;10,00\n")
                    .put(resolved).then().statusCode(expected);
            case "POST" -> {
                String body = resolved.endsWith("/decisions") ? "{\"action\":\"ACKNOWLEDGE\"}"
                        : resolved.endsWith("/reload") ? "" : Fixtures.read(Fixtures.VASTMANLAND);
                request.contentType(ContentType.JSON).body(body).post(resolved).then().statusCode(expected);
            }
            default -> throw new IllegalArgumentException(method);
        }
    }

    @Test
    void shouldListOnlyTheCallersRegions() {
        as(JH).get("/api/v1/dossiers").then().statusCode(200).body("region", not(hasItem("19")));
        as(VM).get("/api/v1/dossiers").then().statusCode(200).body("region", everyItem(equalTo("19")));
        as(STEERING).get("/api/v1/dossiers").then().statusCode(200).body("id", hasItem(vmDossier));
        as(AUTHOR).get("/api/v1/dossiers").then().statusCode(403);
        as(JH).get("/api/v1/findings?size=500").then().statusCode(200).body("items.region", not(hasItem("19")));
        as(VM).get("/api/v1/findings?size=500").then().statusCode(200).body("items.region", everyItem(equalTo("19")));
        as(JH).get("/api/v1/findings/export.csv?region=19").then().statusCode(200)
                .body(not(org.hamcrest.Matchers.containsString("FIN-ALLOCATION-CEILING")));
        as(STEERING).get("/api/v1/findings/export.csv?region=19").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("FIN-ALLOCATION-CEILING"));
    }
}
