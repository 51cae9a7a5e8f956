package se.bidragskoll.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;
import se.bidragskoll.model.LedgerLine;

/** Ledger lines come back exactly as stored, on either database (binary COPY on PostgreSQL). */
@QuarkusTest
class LedgerStorePgTest {

    @Inject
    LedgerStore store;

    @Test
    @Transactional
    void shouldReadBackEveryValueAsStored() {
        String dossier = io.restassured.RestAssured.given().auth().preemptive().basic("kontroller-ovriga", "kontroller-ovriga")
                .contentType(ContentType.JSON)
                .body(Fixtures.read(Fixtures.VASTMANLAND).replace("\"region\": \"19\"", "\"region\": \"09\""))
                .post("/api/v1/dossiers").then().statusCode(201).extract().path("dossier");
        List<LedgerLine> lines = List.of(
                new LedgerLine("A 104233", 1, LocalDate.of(2018, 5, 31), "4011", "31240", "1120", "9916", "PPHV", "VG-01",
                        new BigDecimal("48650.00"), "Sjuksköterska \"kväll\"; Östersund", 2),
                new LedgerLine("A 104233", 2, LocalDate.of(1999, 12, 31), "4061", null, null, "9920", null, null,
                        new BigDecimal("-3210.40"), null, 3),
                new LedgerLine(null, null, null, null, null, null, null, null, null, new BigDecimal("0.05"), "", 4),
                new LedgerLine("B 1", 1, LocalDate.of(2018, 1, 1), "4011", null, null, "9916", null, null,
                        new BigDecimal("123456789012.30"), null, 5),
                new LedgerLine("B 1", 2, LocalDate.of(2018, 1, 1), "4011", null, null, "9916", null, null,
                        new BigDecimal("10000.00"), null, 6),
                new LedgerLine("B 1", 3, LocalDate.of(2018, 1, 1), "4011", null, null, "9916", null, null,
                        new BigDecimal("0.00"), null, 7),
                new LedgerLine("B 1", 4, LocalDate.of(2018, 1, 1), "4011", null, null, "9916", null, null, null, null, 8));
        String id = store.store(dossier, lines, "sha256:test", "test").id();
        assertEquals(lines, store.lines(id));
    }
}
