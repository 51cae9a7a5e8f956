package se.bidragskoll.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidragskoll.Fixtures;
import se.bidragskoll.H2Files;

/**
 * The attacks of issue 13, one test each: what an attacker or a careless client sent, and the 4xx
 * problem document (or the harmless answer) they get now. Each of these failed before the fix
 * (500, 200 to anyone, a hang, or a raw formula in a spreadsheet).
 */
@QuarkusTest
class AbuseCasesTest {

    private static final String OTHERS = "kontroller-ovriga";
    private static final String STEERING = "styrgrupp";
    private static final String PROBLEM = "application/problem+json";

    private static String dossier;
    private static String finding;

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }

    /** The Jämtland seed dossier as another region's (12 Skåne, 13 Halland), apart from other test classes' data. */
    private static String dossierOfRegion(String region) {
        return Fixtures.read(Fixtures.JAMTLAND).replace("\"region\": \"23\"", "\"region\": \"" + region + "\"");
    }

    @BeforeEach
    void storeADossierOfRegion12() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
        if (dossier == null) {
            dossier = as(OTHERS).contentType(ContentType.JSON).body(dossierOfRegion("12"))
                    .post("/api/v1/dossiers").then().statusCode(201).extract().path("dossier");
            finding = as(STEERING).get("/api/v1/findings?region=12&status=OPEN&size=500").then().statusCode(200)
                    .extract().path("items[0].id");
            assertNotNull(finding, "the seed dossier has findings");
        }
    }

    // ---- 1. One request exhausts memory ----

    @Test
    void shouldRefuseALedgerLineLongerThanTheLimitNamingTheLine() {
        byte[] oneLine = new byte[2 * 1024 * 1024];
        Arrays.fill(oneLine, (byte) 'x');
        as(OTHERS).contentType("text/csv").body(oneLine).put("/api/v1/dossiers/" + dossier + "/ledger")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("rad 1"))
                .body("errors[0].message", containsString("65536"));
    }

    /**
     * Issue 27: one #VER of SIE rows that all lack the object. A million of them (50 MB) ended the
     * JVM at -Xmx512m: the reader streamed them, but the rules named every line in a finding of its
     * own. A judgement past Limits.MAX_REPORT_ITEMS (20 000 findings and items they name) is refused
     * before its report is built, naming the limit, the condition and its first line; nothing is stored.
     */
    @Test
    void shouldRefuseAVoucherWhoseRowsWouldEachBeAFindingNamingTheLimit() {
        StringBuilder sie = new StringBuilder("#FLAGGA 0\n#SIETYP 4\n#DIM 1 \"Ansvar\"\n#DIM 20 \"Objekt\"\n"
                + "#VER A 1 20180531 \"Stor\"\n{\n");
        for (int i = 0; i < 12_000; i++) {
            sie.append("#TRANS 4011 {1 \"31240\"} ").append(i % 2 == 0 ? "1.00" : "-1.00").append(" 20180531\n");
        }
        sie.append("}\n");
        int revisions = as(OTHERS).get("/api/v1/dossiers/" + dossier + "/revisions").then().extract().path("size()");
        byte[] body = sie.toString().getBytes(StandardCharsets.UTF_8);
        as(OTHERS).contentType("application/x-sie").body(body).put("/api/v1/dossiers/" + dossier + "/ledger")
                .then().statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("type", containsString("invalid-input"))
                .body("errors[0].field", equalTo("rad 7"))
                .body("errors[0].message", startsWith("rad 7: Bedömningen ger fler än 20000 avvikelser och poster de"
                        + " nämner (gränsen för en rapport), "))
                .body("errors[0].message", containsString("för DATA-LEDGER-REQUIRED-FIELDS"));
        as(OTHERS).contentType("application/x-sie").header("Accept-Language", "en").body(body)
                .put("/api/v1/dossiers/" + dossier + "/ledger")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].message", startsWith("line 7: The judgement gives more than 20000 findings and items"
                        + " they name (the limit of a report), "));
        int after = as(OTHERS).get("/api/v1/dossiers/" + dossier + "/revisions").then().extract().path("size()");
        assertEquals(revisions, after, "nothing stored");
    }

    @Test
    void shouldRefuseA200MbBodyBeforeReadingIt() throws Exception {
        RawAnswer answer = raw("PUT /api/v1/dossiers/" + dossier + "/ledger HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString((OTHERS + ":" + OTHERS).getBytes())
                + "\r\nContent-Type: text/csv\r\nContent-Length: 200000000\r\nConnection: close\r\n\r\nxxxx");
        assertEquals(413, answer.status());
        assertTrue(answer.head().toLowerCase().contains(PROBLEM), answer.head());
    }

    @Test
    void shouldRefuseAnOverLongFieldInALedgerFileNamingRowAndColumn() {
        String csv = "verifikation;rad;bokforingsdatum;konto;objekt;belopp\n"
                + "A 1;1;2018-07-31;" + "4".repeat(500) + ";9916;100,00\n";
        as(OTHERS).contentType("text/csv").body(csv).put("/api/v1/dossiers/" + dossier + "/ledger")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("rad 2, kolumn konto"))
                .body("errors[0].message", containsString("40"));
    }

    // ---- 2. One number burns CPU or overflows a column ----

    @Test
    void shouldRefuseAnAmountWithAMillionDigitExponentQuickly() {
        long start = System.nanoTime();
        as(OTHERS).contentType(ContentType.JSON)
                .body(dossierOfRegion("12").replace("\"grantedAmount\": 12600000.00", "\"grantedAmount\": 1e1000000"))
                .post("/api/v1/validate")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("grant.grantedAmount"))
                .body("errors[0].message", containsString("999999999999.99"));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2_000, "answered within 2 s");
    }

    @Test
    void shouldRefuseAmountsOf1e400And1e17InJsonNamingTheLimit() {
        for (String amount : List.of("1e400", "1e17", "100000000000000000", "-1e17")) {
            as(OTHERS).contentType(ContentType.JSON)
                    .body(dossierOfRegion("12").replace("\"grantedAmount\": 12600000.00", "\"grantedAmount\": " + amount))
                    .post("/api/v1/dossiers")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("grant.grantedAmount"))
                    .body("errors[0].message", containsString("999999999999.99"));
        }
    }

    @Test
    void shouldRefuseAnAmountOf1e17InALedgerFileNamingRowAndColumn() {
        String csv = "verifikation;rad;bokforingsdatum;konto;objekt;belopp\n"
                + "A 1;1;2018-07-31;4011;9916;100000000000000000\n";
        as(OTHERS).contentType("text/csv").body(csv).put("/api/v1/dossiers/" + dossier + "/ledger")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("rad 2, kolumn belopp"));
    }

    @Test
    void shouldRefuseAmountsWithMoreThanTwoDecimalsWithoutWritingThemOut() {
        as(OTHERS).contentType(ContentType.JSON)
                .body(dossierOfRegion("12").replace("\"grantedAmount\": 12600000.00", "\"grantedAmount\": 1e-1000000"))
                .post("/api/v1/validate")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("grant.grantedAmount"))
                .body("detail.length()", org.hamcrest.Matchers.lessThan(300));
    }

    // ---- 3. ';' and '/..' in the path ----

    @Test
    void shouldNotAnswerAPageToAnyoneThroughAMatrixParameter() throws Exception {
        for (String path : List.of("/granskning;x", "/granskning;jsessionid=1", "/;x", "/underlag;x/" + dossier,
                "/api/v1/dossiers;x", "/fynd%3bx/" + finding)) {
            RawAnswer answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertEquals(400, answer.status(), path);
            assertTrue(answer.head().toLowerCase().contains(PROBLEM), path + ": " + answer.head());
        }
    }

    @Test
    void shouldNotChangeAFindingThroughAMatrixParameterWithBasicCredentials() throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((STEERING + ":" + STEERING).getBytes());
        String form = "action=ACKNOWLEDGE&comment=x";
        RawAnswer answer = raw("POST /fynd;x/" + finding + "/beslut HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Basic " + basic + "\r\nOrigin: https://angripare.example\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
                + "\r\nConnection: close\r\n\r\n" + form);
        assertEquals(400, answer.status());
        as(STEERING).get("/api/v1/findings/" + finding).then().statusCode(200).body("status", equalTo("OPEN"));
    }

    @Test
    void shouldAnswerEveryDotSegmentOrMatrixPathPromptly() throws Exception {
        for (String path : List.of("/..", "/../", "/granskning/..", "/api/v1/../../granskning", "/underlag/..;/",
                "/fynd/..;x/" + finding, "/q/..;/granskning", "/api/v1/dossiers/%2e%2e/x", "/stil.css/..;/granskning",
                "/logga-in/../granskning", "/a\\..\\granskning")) {
            RawAnswer answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertTrue(answer.status() == 400 || answer.status() == 404, path + " answered " + answer.status());
        }
    }

    // ---- 4. Forms, cookies, logout, headers ----

    @Test
    void shouldRefuseADecisionFormWithoutTheCsrfToken() {
        Map<String, String> session = login(STEERING);
        given().cookies(session).contentType(ContentType.URLENC).formParam("action", "ACKNOWLEDGE")
                .redirects().follow(false).post("/fynd/" + finding + "/beslut")
                .then().statusCode(403).contentType(PROBLEM).body("detail", containsString("CSRF"));
        as(STEERING).get("/api/v1/findings/" + finding).then().body("status", equalTo("OPEN"));
    }

    @Test
    void shouldRefuseADecisionFormFromAnotherOriginEvenWithTheToken() {
        Map<String, String> session = login(STEERING);
        Response page = given().cookies(session).get("/fynd/" + finding);
        String token = hiddenToken(page.asString());
        given().cookies(session).cookie(FormTokens.COOKIE, page.cookie(FormTokens.COOKIE))
                .header("Origin", "https://angripare.example").contentType(ContentType.URLENC)
                .formParam("action", "ACKNOWLEDGE").formParam(FormTokens.FIELD, token)
                .redirects().follow(false).post("/fynd/" + finding + "/beslut")
                .then().statusCode(403).contentType(PROBLEM);
        as(STEERING).get("/api/v1/findings/" + finding).then().body("status", equalTo("OPEN"));
    }

    @Test
    void shouldAcceptADecisionFormWithItsTokenAndALongComment() {
        String own = firstOpenFinding("14");
        Map<String, String> session = login(STEERING);
        Response page = given().cookies(session).get("/fynd/" + own);
        page.then().statusCode(200);
        String comment = "Motivering som är längre än de 2 000 tecken formulär tidigare tog emot. ".repeat(40);
        given().cookies(session).cookie(FormTokens.COOKIE, page.cookie(FormTokens.COOKIE))
                .header("Origin", RestAssured.baseURI + ":" + RestAssured.port)
                .contentType(ContentType.URLENC.withCharset("UTF-8")).formParam("action", "WAIVE")
                .formParam("comment", comment).formParam(FormTokens.FIELD, hiddenToken(page.asString()))
                .redirects().follow(false).post("/fynd/" + own + "/beslut")
                .then().statusCode(303);
        as(STEERING).get("/api/v1/findings/" + own).then().body("status", equalTo("WAIVED"))
                .body("lastComment.length()", equalTo(comment.length()));
    }

    @Test
    void shouldSetTheSessionCookieHttpOnlyAndSameSiteStrict() {
        String setCookie = given().contentType(ContentType.URLENC).formParam("j_username", STEERING)
                .formParam("j_password", STEERING).redirects().follow(false).post("/j_security_check")
                .then().statusCode(302).extract().header("Set-Cookie");
        assertTrue(setCookie.startsWith("bidragskoll="), setCookie);
        assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
    }

    @Test
    void shouldEndTheSessionOnLogout() {
        Map<String, String> session = login(STEERING);
        given().cookies(session).redirects().follow(false).get("/granskning").then().statusCode(200);
        Response logout = se.bidragskoll.TestUsers.pageLogout(session);
        logout.then().statusCode(303);
        List<String> cookies = logout.headers().getValues("Set-Cookie");
        assertTrue(cookies.stream().anyMatch(c -> c.startsWith("bidragskoll=;") || c.startsWith("bidragskoll=\"\"")),
                "the login cookie is removed: " + cookies);
        assertTrue(cookies.stream().filter(c -> c.startsWith("bidragskoll=")).allMatch(c -> c.toLowerCase()
                .contains("max-age=0")), "and not renewed on the same answer: " + cookies);
        // A copy of the cookies taken before the logout is worth nothing after it.
        given().cookies(session).redirects().follow(false).get("/granskning").then().statusCode(303)
                .header("Location", containsString("/logga-in"));
        given().cookies(Map.of("bidragskoll", session.get("bidragskoll"))).redirects().follow(false).get("/granskning")
                .then().statusCode(303);
    }

    @Test
    void shouldSendSecurityHeadersWithThePages() {
        given().get("/logga-in").then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        as(STEERING).get("/api/v1/dossiers").then().statusCode(200).header("X-Content-Type-Options", equalTo("nosniff"));
    }

    // ---- 5. The shipped session key ----

    @Test
    void shouldRefuseToStartOutsideDevAndTestWithTheShippedSessionKey() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> SessionKeyGuard.check(
                LaunchMode.NORMAL, true, SessionKeyGuard.SHIPPED_KEY, false));
        assertTrue(refused.getMessage().contains("BIDRAGSKOLL_SESSION_KEY"), refused.getMessage());
        SessionKeyGuard.check(LaunchMode.NORMAL, true, SessionKeyGuard.SHIPPED_KEY, true);
        SessionKeyGuard.check(LaunchMode.NORMAL, true, "en-egen-nyckel-med-minst-trettiotva-tecken", false);
        SessionKeyGuard.check(LaunchMode.NORMAL, false, SessionKeyGuard.SHIPPED_KEY, false);
        SessionKeyGuard.check(LaunchMode.TEST, true, SessionKeyGuard.SHIPPED_KEY, false);
    }

    // ---- 6. Formulas in CSV exports ----

    @Test
    void shouldNeutraliseFormulasInTheCsvExports() {
        String own = firstOpenFinding("17");
        as(STEERING).contentType(ContentType.JSON)
                .body("{\"action\": \"WAIVE\", \"comment\": \"=HYPERLINK(\\\"https://angripare.example\\\")\"}")
                .post("/api/v1/findings/" + own + "/decisions").then().statusCode(200);
        String csv = as(STEERING).get("/api/v1/findings/export.csv?region=17").then().statusCode(200)
                .extract().asString();
        assertTrue(csv.contains("'=HYPERLINK"), "the comment is text: " + csv.lines().filter(l -> l.contains("HYPER")).toList());
        assertFalse(csv.contains(";=HYPERLINK") && !csv.contains("'=HYPERLINK"));
        assertEquals(List.of("'=1+1", "'+1", "'-x", "'@SUM(A1)", "'\tx", "'\rx", "-3210,40", "Text"),
                se.bidragskoll.api.CsvCells.safe(List.of("=1+1", "+1", "-x", "@SUM(A1)", "\tx", "\rx", "-3210,40", "Text")));
        String report = as(OTHERS).get("/api/v1/dossiers/" + dossier + "/report.csv").then().statusCode(200)
                .extract().asString();
        report.lines().skip(1).flatMap(l -> Arrays.stream(l.split(";"))).forEach(cell ->
                assertFalse(cell.matches("^\"?[=+@\\t\\r].*"), "no formula cell in report.csv: " + cell));
    }

    // ---- 7. 500 instead of 400/409 ----

    // Parallel resubmissions of a large dossier (LockTimeoutException, 500): ResubmissionLoadTest, which
    // needs a 20 000-line dossier and 48 requests to provoke it.

    @Test
    void shouldRefuseOverLongLedgerCodesAndTextsInJsonNamingTheField() {
        String body = dossierOfRegion("12").replace("\"ledger\": [", "\"ledger\": [ { \"voucher\": \"A 1\", \"line\": 1, "
                + "\"date\": \"2018-07-31\", \"account\": \"" + "4".repeat(41) + "\", \"object\": \"9916\", "
                + "\"amount\": 1.00, \"text\": \"" + "t".repeat(1001) + "\" },");
        as(OTHERS).contentType(ContentType.JSON).body(body).post("/api/v1/dossiers")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", org.hamcrest.Matchers.hasItems("ledger[0].account", "ledger[0].text"));
        as(OTHERS).contentType(ContentType.JSON)
                .body(dossierOfRegion("12").replace("\"recipient\": \"SKL\"", "\"recipient\": \"" + "S".repeat(5000) + "\""))
                .post("/api/v1/dossiers").then().statusCode(400).body("errors[0].field", equalTo("actionPlan.recipient"));
    }

    @Test
    void shouldRefuseOverLongDecisionComments() {
        as(STEERING).contentType(ContentType.JSON)
                .body("{\"action\": \"WAIVE\", \"comment\": \"" + "k".repeat(4001) + "\"}")
                .post("/api/v1/findings/" + finding + "/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("comment"));
    }

    @Test
    void shouldRefuseAStray0x81ByteOrBinaryInALedgerFileNamingTheLine() {
        byte[] header = "verifikation;rad;bokforingsdatum;konto;objekt;belopp\nA 1;1;2018-07-31;4011;9916;100,00\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] stray = concat(header, new byte[]{'A', ' ', '2', ';', '1', ';', '2', '0', '1', '8', '-', '0', '7', '-',
                '3', '1', ';', '4', '0', '1', '1', ';', '9', '9', '1', '6', ';', '1', (byte) 0x81, '\n'});
        as(OTHERS).contentType("text/csv").body(stray).put("/api/v1/dossiers/" + dossier + "/ledger")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("rad 3"));
        byte[] binary = concat(header, new byte[]{0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, '\n'});
        as(OTHERS).contentType("text/csv").body(binary).put("/api/v1/dossiers/" + dossier + "/ledger")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("rad 3"));
    }

    @Test
    void shouldRefuseAnIfMatchThatIsNoVersionAndTakeStarAsAny() {
        as(STEERING).contentType(ContentType.JSON).header("If-Match", "\"abc\"").body("{\"action\": \"ACKNOWLEDGE\"}")
                .post("/api/v1/findings/" + finding + "/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("If-Match"));
        String other = firstOpenFinding("18");
        as(STEERING).contentType(ContentType.JSON).header("If-Match", "*").body("{\"action\": \"ACKNOWLEDGE\"}")
                .post("/api/v1/findings/" + other + "/decisions").then().statusCode(200);
    }

    @Test
    void shouldRefuseAPageFarOutNamingIt() {
        as(STEERING).get("/api/v1/findings?page=5000000").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("page"));
        as(STEERING).get("/api/v1/findings?page=5000000&size=500").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void shouldReadAMalformedAcceptLanguageAsSwedish() {
        as(STEERING).header("Accept-Language", ";;;q=abc,,").get("/api/v1/dossiers").then().statusCode(200);
        as(STEERING).header("Accept-Language", ";;;q=abc,,").get("/api/v1/findings?page=-1").then()
                .statusCode(400).contentType(PROBLEM);
        as(STEERING).header("Accept-Language", "en;q=abc").get("/api/v1/findings?page=-1").then()
                .statusCode(400).body("title", equalTo("Invalid input"));
    }

    @Test
    void shouldAnswer401ToMalformedBasicCredentials() {
        for (String value : List.of("Basic !!!x", "Basic ", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("ingetkolon".getBytes()))) {
            given().header("Authorization", value).get("/api/v1/dossiers")
                    .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", startsWith("Basic"));
        }
    }

    @Test
    void shouldRefuseEmptyOrTruncatedMultipartWithAProblem() {
        as(OTHERS).contentType("multipart/form-data; boundary=gräns").body(new byte[0]).post("/api/v1/validate")
                .then().statusCode(400).contentType(PROBLEM);
        String truncated = "--gräns\r\nContent-Disposition: form-data; name=\"dossier\"\r\n\r\n{\"region\": \"1";
        as(OTHERS).contentType("multipart/form-data; boundary=gräns").body(truncated.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/validate").then().statusCode(400).contentType(PROBLEM);
        as(OTHERS).contentType("multipart/form-data").body("--x\r\n".getBytes(StandardCharsets.UTF_8)).post("/api/v1/validate")
                .then().statusCode(400).contentType(PROBLEM);
    }

    // ---- 8. 413 for a 2 KB form field ----

    @Test
    void shouldAcceptADossierSentAsAMultipartFieldLargerThan2Kb() {
        String body = ResubmissionLoadTest.dossierWithLedger("12", 40);
        assertTrue(body.length() > 8 * 1024);
        as(OTHERS).multiPart("dossier", body).post("/api/v1/validate").then().statusCode(200)
                .body("region", equalTo("12"));
    }

    // ---- 9. 401 and 403 bodies ----

    @Test
    void shouldAnswer401And403WithProblemDocuments() {
        given().get("/api/v1/dossiers").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Basic")).body("status", equalTo(401));
        given().auth().preemptive().basic(STEERING, "fel-lösenord").get("/api/v1/dossiers").then().statusCode(401)
                .contentType(PROBLEM).header("WWW-Authenticate", startsWith("Basic"));
        as("regelforfattare").get("/api/v1/dossiers").then().statusCode(403).contentType(PROBLEM)
                .body("status", equalTo(403));
        as("regelforfattare").header("Accept-Language", "en").get("/api/v1/findings/" + finding).then()
                .statusCode(403).contentType(PROBLEM).body("title", equalTo("Forbidden"));
    }

    // ---- 10. Information ----

    @Test
    void shouldNotShowTheServersRulesPath() {
        as("regelforfattare").get("/api/v1/rules").then().statusCode(200)
                .body("directory", not(containsString("/")));
    }

    @Test
    void shouldNotNameJacksonInternalsInErrors() {
        for (String bad : List.of("{\"region\": \"12\", \"agreement\": \"patientmiljarden-2018\", \"grant\": {\"grantedAmount\": NaN}}",
                "{\"region\": \"12\", \"agreement\": \"patientmiljarden-2018\", \"grant\": {\"category\": 1e400}}",
                "{\"region\": \"12\", \"agreement\": \"patientmiljarden-2018\", \"grant\": {\"grantedAmount\": " + "9".repeat(2000) + "}}",
                "{\"region\": \"12\", \"agreement\": 'x'}", "[" .repeat(5000), "{\"region\": \"12\"")) {
            String answer = as(OTHERS).contentType(ContentType.JSON).body(bad).post("/api/v1/validate")
                    .then().statusCode(400).contentType(PROBLEM).extract().asString();
            for (String internal : List.of("Jackson", "JsonReadFeature", "com.fasterxml", "StreamReadConstraints",
                    "java.", "Feature")) {
                assertFalse(answer.contains(internal), internal + " in " + answer);
            }
        }
    }

    // ---- 11. Dates far out ----

    @Test
    void shouldRefuseDatesOutsideTheAcceptedRangeNamingTheField() {
        as(OTHERS).contentType(ContentType.JSON)
                .body(dossierOfRegion("12").replace("\"asOf\": \"2018-06-30\"", "\"asOf\": \"+999999999-12-31\""))
                .post("/api/v1/dossiers").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("asOf")).body("errors[0].message", containsString("2200-12-31"));
        as(OTHERS).contentType(ContentType.JSON)
                .body(dossierOfRegion("12").replace("\"receivedOn\": \"2018-06-15\"", "\"receivedOn\": \"1899-12-31\""))
                .post("/api/v1/validate").then().statusCode(400).body("errors[0].field", equalTo("grant.receivedOn"));
        String csv = "verifikation;rad;bokforingsdatum;konto;objekt;belopp\nA 1;1;99991231;4011;9916;100,00\n";
        as(OTHERS).contentType("text/csv").body(csv).put("/api/v1/dossiers/" + dossier + "/ledger")
                .then().statusCode(400).body("errors[0].field", equalTo("rad 2, kolumn bokforingsdatum"));
    }

    @Test
    void shouldKeepAWaiverUntilFarOutAndRefuseOneBeyondTheRange() {
        String own = firstOpenFinding("20");
        as(STEERING).contentType(ContentType.JSON)
                .body("{\"action\": \"WAIVE\", \"comment\": \"Gäller tills vidare\", \"until\": \"+999999999-12-31\"}")
                .post("/api/v1/findings/" + own + "/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("until"));
        as(STEERING).contentType(ContentType.JSON)
                .body("{\"action\": \"WAIVE\", \"comment\": \"Gäller tills vidare\", \"until\": \"2200-12-31\"}")
                .post("/api/v1/findings/" + own + "/decisions").then().statusCode(200);
        as(STEERING).get("/api/v1/findings/" + own).then().body("status", equalTo("WAIVED"))
                .body("waivedUntil", equalTo("2200-12-31"));
    }

    // ---- 12. The embedded H2 server ----

    @Test
    void shouldBindTheH2ServerToLoopbackAndKeepItsFilesPrivate(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("data");
        String url = "jdbc:h2:file:" + folder.resolve("bidragskoll") + ";AUTO_SERVER=TRUE";
        // H2 reads h2.bindAddress once per JVM, and this one has H2 loaded already: ask a fresh one.
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), H2Probe.class.getName(), url)
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), output);
        assertTrue(output.contains("listening on 127.0.0.1 only"), output);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            }
        }
    }

    /** Opens an H2 file database as the service does, and prints where its server listens. */
    public static final class H2Probe {
        public static void main(String[] args) throws Exception {
            H2Files.bindToLoopback();
            H2Files.makePrivate(args[0]);
            try (var c = java.sql.DriverManager.getConnection(args[0], "sa", "")) {
                c.createStatement().execute("CREATE TABLE t (x INT)");
                H2Files.makePrivate(args[0]);
                Path lock = Path.of(args[0].substring("jdbc:h2:file:".length()).split(";")[0] + ".lock.db");
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(lock)) {
                    p.load(in);
                }
                System.out.println("server=" + p.getProperty("server"));
                int port = Integer.parseInt(p.getProperty("server").split(":")[1]);
                String hex = String.format("%04X", port);
                boolean anywhere = false;
                boolean loopback = false;
                for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                    Path proc = Path.of(table);
                    if (!Files.exists(proc)) {
                        continue;
                    }
                    for (String line : Files.readAllLines(proc)) {
                        String[] f = line.trim().split("\\s+");
                        if (f.length > 3 && f[1].endsWith(":" + hex) && f[3].equals("0A")) {
                            String address = f[1].split(":")[0];
                            if (address.equals("0100007F") || address.equals("0000000000000000FFFF00000100007F")
                                    || address.equals("00000000000000000000000001000000")) {
                                loopback = true;
                            } else {
                                anywhere = true;
                            }
                        }
                    }
                }
                System.out.println(loopback && !anywhere ? "listening on 127.0.0.1 only" : "listening elsewhere too");
            }
        }
    }

    // ---- helpers ----

    /** Stores the seed dossier as {@code region}'s and answers its first open finding. */
    private static String firstOpenFinding(String region) {
        as(OTHERS).contentType(ContentType.JSON).body(dossierOfRegion(region)).post("/api/v1/dossiers")
                .then().statusCode(201);
        String id = as(STEERING).get("/api/v1/findings?region=" + region + "&status=OPEN&size=500").then()
                .statusCode(200).extract().path("items[0].id");
        assertNotNull(id, "region " + region + " has an open finding");
        return id;
    }

    private static Map<String, String> login(String user) {
        Response login = given().contentType(ContentType.URLENC).formParam("j_username", user)
                .formParam("j_password", user).redirects().follow(false).post("/j_security_check");
        login.then().statusCode(302).cookie("bidragskoll", notNullValue()).cookie(Sessions.COOKIE, notNullValue());
        return Map.of("bidragskoll", login.cookie("bidragskoll"), Sessions.COOKIE, login.cookie(Sessions.COOKIE));
    }

    private static String hiddenToken(String html) {
        Matcher m = Pattern.compile("name=\"" + FormTokens.FIELD + "\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "the form carries a CSRF token");
        return m.group(1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    record RawAnswer(int status, String head) {
    }

    /** Sends exactly these bytes (no client tidies the path) and reads the answer's head; 10 s at most. */
    private static RawAnswer raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    break;
                }
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 "), "an answer: " + text);
            return new RawAnswer(Integer.parseInt(text.substring(9, 12)), text);
        }
    }
}
