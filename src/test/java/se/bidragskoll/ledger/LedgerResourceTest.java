package se.bidragskoll.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;

/** Ledger files replace a stored dossier's ledger all or nothing, once per content. */
@QuarkusTest
class LedgerResourceTest {

    @org.junit.jupiter.api.BeforeEach
    void actAsUser() {
        se.bidragskoll.TestUsers.actAs(se.bidragskoll.TestUsers.CONTROLLER_BOTH);
    }

    private String storeJamtland() {
        String body = Fixtures.read(Fixtures.JAMTLAND).replace("\"region\": \"23\"", "\"region\": \"23\"");
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/dossiers")
                .then().statusCode(201).extract().path("dossier");
    }

    @Test
    void shouldReplaceTheLedgerFromAWindows1252FileAndJudgeIt() throws Exception {
        String id = storeJamtland();
        byte[] csv = Files.readAllBytes(LedgerCsvReaderTest.file("agresso-windows-1252.csv"));
        int revision = given().contentType("text/csv").body(csv).put("/api/v1/dossiers/" + id + "/ledger")
                .then().statusCode(200)
                .body("conditions.find { it.code == 'REG-COST-OBJECT' }.result", equalTo("FAIL"))
                .body("findings.find { it.code == 'REG-COST-OBJECT' }.facts[0].ref", equalTo("A 104233/2"))
                .body("findings.find { it.code == 'REG-COST-OBJECT' }.facts[0].row", equalTo(3))
                .extract().path("revision");
        given().get("/api/v1/dossiers/" + id).then().statusCode(200)
                .body("ledger", hasSize(3))
                .body("ledger[0].text", equalTo("Sjuksköterska vårdcentral Östersund"));

        given().contentType("text/csv").body(csv).put("/api/v1/dossiers/" + id + "/ledger")
                .then().statusCode(200).header("X-Ledger-Unchanged", "true").body("revision", equalTo(revision));
        given().get("/api/v1/dossiers/" + id + "/revisions").then().body("revision", hasSize(revision));
    }

    @Test
    void shouldRejectAFileWithBadRowsAndKeepThePreviousLedger() throws Exception {
        String id = storeJamtland();
        int revisions = given().get("/api/v1/dossiers/" + id + "/revisions").then().extract().path("size()");
        byte[] bad = Files.readAllBytes(LedgerCsvReaderTest.file("bad-rows.csv"));
        given().contentType("text/csv").body(bad).put("/api/v1/dossiers/" + id + "/ledger")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("rad 18, kolumn bokforingsdatum", "rad 1733, kolumn belopp"))
                .body("errors[1].message", equalTo("rad 1733, kolumn belopp: \"12.345,6x\" är inget belopp"));
        given().get("/api/v1/dossiers/" + id).then().body("ledger", hasSize(3))
                .body("ledger.voucher", hasItem("B 220118"));
        int after = given().get("/api/v1/dossiers/" + id + "/revisions").then().extract().path("size()");
        assertEquals(revisions, after);
    }

    /** The lines are stored while the file is read: a bad row after many chunks rolls back what was stored. */
    @Test
    void shouldKeepThePreviousLedgerWhenABadRowComesAfterLinesAlreadyStored() {
        String id = storeJamtland();
        int revisions = given().get("/api/v1/dossiers/" + id + "/revisions").then().extract().path("size()");
        StringBuilder csv = new StringBuilder("verifikation;rad;bokforingsdatum;konto;objekt;atgard;belopp\n");
        int good = 5 * CsvLedgerPipe.CHUNK;
        for (int i = 1; i <= good; i++) {
            csv.append("A ").append(100_000 + i).append(";1;2018-05-31;4011;9916;VG-01;1 000,00\n");
        }
        csv.append("A 999999;1;2018-05-31;4011;9916;VG-01;tusen\n");
        given().contentType("text/csv").body(csv.toString()).put("/api/v1/dossiers/" + id + "/ledger")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("rad " + (good + 2) + ", kolumn belopp"));
        given().get("/api/v1/dossiers/" + id).then().body("ledger", hasSize(3));
        int after = given().get("/api/v1/dossiers/" + id + "/revisions").then().extract().path("size()");
        assertEquals(revisions, after);
        // and the same file without the bad row is taken whole
        String fixed = csv.substring(0, csv.lastIndexOf("A 999999"));
        given().contentType("text/csv").body(fixed).put("/api/v1/dossiers/" + id + "/ledger")
                .then().statusCode(200).header("X-Ledger-Lines", String.valueOf(good));
        given().get("/api/v1/dossiers/" + id).then().body("ledger", hasSize(good));
    }

    @Test
    void shouldAnswerNotFoundForTheLedgerOfAnUnknownDossier() {
        given().contentType("text/csv").body("verifikation;bokforingsdatum;konto;objekt;belopp\n")
                .put("/api/v1/dossiers/d-0000000000000000/ledger").then().statusCode(404);
    }

    @Test
    void shouldValidateADossierWithItsLedgerAsAMultipartFile() throws Exception {
        given().multiPart("dossier", Fixtures.read(Fixtures.JAMTLAND).replaceAll("(?s)\"ledger\"\\s*:\\s*\\[.*?\\]\\s*}\\s*$", "\"asOf\": \"2018-06-30\"}")
                        .replace("\"asOf\": \"2018-06-30\",", ""), "application/json")
                .multiPart("ledger", LedgerCsvReaderTest.file("raindance-utf8-bom.csv").toFile(), "text/csv")
                .post("/api/v1/validate")
                .then().statusCode(200)
                .body("findings.find { it.code == 'REG-COST-OBJECT' }.facts[0].ref", equalTo("A 104233/2"))
                .body("conditions.find { it.code == 'DATA-LEDGER-REQUIRED-FIELDS' }.result", equalTo("PASS"));
    }

    /** A file above {@code bidragskoll.ledger.stream-above} (16K in tests) is judged as a stream: same findings. */
    @Test
    void shouldValidateALargeLedgerFileAsAStream() throws Exception {
        int lines = 3_000;
        java.nio.file.Path csv = Files.createTempFile("ledger", ".csv");
        try {
            se.bidragskoll.bench.LedgerGenerator.writeCsv(lines, csv);
            org.junit.jupiter.api.Assertions.assertTrue(Files.size(csv) > 16 * 1024);
            String dossier = se.bidragskoll.bench.LedgerGenerator.dossierJson();
            java.util.Map<String, Integer> planted = se.bidragskoll.bench.LedgerGenerator.planted(lines);
            given().multiPart("dossier", dossier, "application/json").multiPart("ledger", csv.toFile(), "text/csv")
                    .post("/api/v1/validate")
                    .then().statusCode(200)
                    .body("findings.findAll { it.code == 'DATA-LEDGER-DUPLICATE' }", hasSize(planted.get("DATA-LEDGER-DUPLICATE")))
                    .body("findings.findAll { it.code == 'REG-COST-OBJECT' }", hasSize(planted.get("REG-COST-OBJECT")))
                    .body("findings.find { it.code == 'REG-COST-OBJECT' }.facts[0].row", equalTo(101));
        } finally {
            Files.deleteIfExists(csv);
        }
    }
}
