package se.bidragskoll.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;

/** SIE 4 files replace a stored dossier's ledger as CSV files do: all or nothing, in the caller's language. */
@QuarkusTest
class SieLedgerResourceTest {

    @org.junit.jupiter.api.BeforeEach
    void actAsUser() {
        se.bidragskoll.TestUsers.actAs(se.bidragskoll.TestUsers.CONTROLLER_BOTH);
    }

    private String storeJamtland() {
        return given().contentType(ContentType.JSON).body(Fixtures.read(Fixtures.JAMTLAND)).post("/api/v1/dossiers")
                .then().statusCode(201).extract().path("dossier");
    }

    @Test
    void shouldReplaceTheLedgerFromAnSieFileAndJudgeIt() throws Exception {
        String id = storeJamtland();
        byte[] sie = Files.readAllBytes(SieLedgerReaderTest.file("agresso-pc8.se"));
        int revision = given().contentType("application/x-sie").body(sie).put("/api/v1/dossiers/" + id + "/ledger")
                .then().statusCode(200)
                .header("X-Ledger-Lines", "3")
                .body("conditions.find { it.code == 'REG-COST-OBJECT' }.result", equalTo("FAIL"))
                .body("findings.find { it.code == 'REG-COST-OBJECT' }.facts[0].ref", equalTo("A 104233/2"))
                .body("findings.find { it.code == 'REG-COST-OBJECT' }.facts[0].row", equalTo(20))
                .body("conditions.find { it.code == 'DATA-LEDGER-VOUCHER-BALANCE' }.result", equalTo("PASS"))
                .extract().path("revision");
        given().get("/api/v1/dossiers/" + id).then().statusCode(200)
                .body("ledger", hasSize(3))
                .body("ledger.voucher", contains("A 104233", "A 104233", "B 220118"))
                .body("ledger[0].text", equalTo("Sjuksköterska vårdcentral Östersund"))
                .body("voucherBalance.vouchers", equalTo(2));
        // the same file again changes nothing; sent as text/plain, it is still read as SIE by its first line
        given().contentType("text/plain").body(sie).put("/api/v1/dossiers/" + id + "/ledger")
                .then().statusCode(200).header("X-Ledger-Unchanged", "true").body("revision", equalTo(revision));
        // a CSV file afterwards: lines only, the vouchers' balance no longer known
        given().contentType("text/csv").body(Files.readAllBytes(LedgerCsvReaderTest.file("agresso-windows-1252.csv")))
                .put("/api/v1/dossiers/" + id + "/ledger").then().statusCode(200)
                .body("conditions.find { it.code == 'DATA-LEDGER-VOUCHER-BALANCE' }.result", equalTo("NOT_APPLICABLE"));
        given().get("/api/v1/dossiers/" + id).then().body("voucherBalance", nullValue());
    }

    @Test
    void shouldWarnOfAnUnbalancedVoucherNamingIt() throws Exception {
        String id = storeJamtland();
        given().contentType("application/x-sie").header("Accept-Language", "en")
                .body(Files.readAllBytes(SieLedgerReaderTest.file("unbalanced.se")))
                .put("/api/v1/dossiers/" + id + "/ledger")
                .then().statusCode(200)
                .body("conditions.find { it.code == 'DATA-LEDGER-VOUCHER-BALANCE' }.result", equalTo("FAIL"))
                .body("findings.findAll { it.code == 'DATA-LEDGER-VOUCHER-BALANCE' }", hasSize(1))
                .body("findings.find { it.code == 'DATA-LEDGER-VOUCHER-BALANCE' }.severity", equalTo("WARNING"))
                .body("findings.find { it.code == 'DATA-LEDGER-VOUCHER-BALANCE' }.facts[0].type", equalTo("voucher"))
                .body("findings.find { it.code == 'DATA-LEDGER-VOUCHER-BALANCE' }.facts[0].ref", equalTo("C 5"))
                .body("findings.find { it.code == 'DATA-LEDGER-VOUCHER-BALANCE' }.message",
                        org.hamcrest.Matchers.startsWith("Voucher C 5 (line 15 of the file) does not balance: its rows add up to 1 kr."));
        // the warning stays with the stored revision
        given().get("/api/v1/dossiers/" + id + "/report").then().statusCode(200)
                .body("findings.findAll { it.code == 'DATA-LEDGER-VOUCHER-BALANCE' }", hasSize(1));
    }

    @Test
    void shouldRejectABrokenSieFileNamingTheLineInTheCallersLanguageAndKeepThePreviousLedger() throws Exception {
        String id = storeJamtland();
        int revisions = given().get("/api/v1/dossiers/" + id + "/revisions").then().extract().path("size()");
        String broken = "#FLAGGA 0\n#SIETYP 4\n#DIM 20 \"Objekt\"\n#VER A 1 20180101\n{\n"
                + "#TRANS 4011 {20 \"9916\"} 12,5x\n}\n";
        given().contentType("application/x-sie").body(broken.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("/api/v1/dossiers/" + id + "/ledger")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("rad 6"))
                .body("errors[0].message", equalTo("rad 6: #TRANS belopp: \"12,5x\" är inget belopp (t.ex. -1234.50)."));
        given().contentType("application/x-sie").header("Accept-Language", "en")
                .body(broken.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("/api/v1/dossiers/" + id + "/ledger")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", equalTo("line 6: #TRANS amount: \"12,5x\" is no amount (e.g. -1234.50)."));
        int after = given().get("/api/v1/dossiers/" + id + "/revisions").then().extract().path("size()");
        assertEquals(revisions, after);
    }

    /**
     * Issue 27, item 5: an over-long line and too many #DIM items are refused with a problem that names
     * the limit and the line, in the caller's language, and the stored ledger is unchanged.
     */
    @Test
    void shouldRefuseAnSieFilePastTheReadersLimitsNamingTheLimitAndTheLine() throws Exception {
        String id = storeJamtland();
        int revisions = given().get("/api/v1/dossiers/" + id + "/revisions").then().extract().path("size()");
        java.io.ByteArrayOutputStream longLine = new java.io.ByteArrayOutputStream();
        longLine.write("#FLAGGA 0\n#SIETYP 4\n#PROGRAM \"".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        longLine.write("x".repeat(2 << 20).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        longLine.write("\"\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        given().contentType("application/x-sie").body(longLine.toByteArray()).put("/api/v1/dossiers/" + id + "/ledger")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Felaktigt underlag"))
                .body("errors.field", contains("rad 3"))
                .body("errors[0].message", equalTo("rad 3: Raden är längre än 65536 byte (gränsen för en rad i en"
                        + " huvudboksfil): är det verkligen en SIE-fil med en post per rad?"));
        StringBuilder dims = new StringBuilder("#FLAGGA 0\n#SIETYP 4\n#DIM 20 \"Objekt\"\n");
        for (int i = 0; i < 1_500; i++) {
            dims.append("#DIM ").append(100 + i).append(" \"Dim\"\n");
        }
        given().contentType("application/x-sie").header("Accept-Language", "en")
                .body(dims.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("/api/v1/dossiers/" + id + "/ledger")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid input"))
                .body("errors.field", contains("rad 1003"))
                .body("errors[0].message", equalTo("line 1003: The file has more than 1000 #DIM and #UNDERDIM (the limit"
                        + " of dimensions in an SIE file)."));
        int after = given().get("/api/v1/dossiers/" + id + "/revisions").then().extract().path("size()");
        assertEquals(revisions, after);
    }

    @Test
    void shouldValidateADossierWithAnSieLedgerAsAMultipartFile() throws Exception {
        given().multiPart("dossier", Fixtures.read(Fixtures.JAMTLAND).replaceAll("(?s)\"ledger\"\\s*:\\s*\\[.*?\\]\\s*}\\s*$", "\"asOf\": \"2018-06-30\"}")
                        .replace("\"asOf\": \"2018-06-30\",", ""), "application/json")
                .multiPart("ledger", SieLedgerReaderTest.file("agresso-utf8.se").toFile(), "application/octet-stream")
                .post("/api/v1/validate")
                .then().statusCode(200)
                .body("findings.find { it.code == 'REG-COST-OBJECT' }.facts[0].ref", equalTo("A 104233/2"))
                .body("conditions.find { it.code == 'DATA-LEDGER-VOUCHER-BALANCE' }.result", equalTo("PASS"));
    }

    @Test
    void shouldReplaceTheLedgerFromTheDossierPageWithAnSieFile() throws Exception {
        String id = storeJamtland();
        io.restassured.RestAssured.authentication = io.restassured.RestAssured.DEFAULT_AUTH;
        java.util.Map<String, String> session = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("j_username", se.bidragskoll.TestUsers.CONTROLLER_BOTH)
                .formParam("j_password", se.bidragskoll.TestUsers.CONTROLLER_BOTH)
                .when().post("/j_security_check").then().statusCode(302).extract().cookies();
        io.restassured.response.Response response = given().cookies(session).get("/underlag/" + id);
        String page = response.then().statusCode(200).extract().asString();
        java.util.Map<String, String> cookies = new java.util.HashMap<>(session);
        cookies.putAll(response.getCookies()); // the form token's cookie
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile(
                "id=\"ledger-form\">\\s*<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\"").matcher(page);
        org.junit.jupiter.api.Assertions.assertTrue(csrf.find(), "the ledger form with its token");
        given().cookies(cookies).redirects().follow(false)
                .multiPart(csrf.group(1), csrf.group(2))
                .multiPart("ledger", SieLedgerReaderTest.file("unbalanced.se").toFile(), "application/octet-stream")
                .post("/underlag/" + id + "/huvudbok").then().statusCode(303);
        se.bidragskoll.TestUsers.actAs(se.bidragskoll.TestUsers.CONTROLLER_BOTH);
        given().get("/api/v1/dossiers/" + id + "/report").then().statusCode(200)
                .body("findings.find { it.code == 'DATA-LEDGER-VOUCHER-BALANCE' }.facts[0].ref", equalTo("C 5"));
    }
}
