package se.bidragskoll.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;

/**
 * A bounded load on 127.0.0.1: eight clients resubmit the same large dossier (20 000 ledger lines)
 * 48 times in all. Each answer is 201 (a new revision) or 409 (another submission held the rows;
 * retry), never 500, and the service is healthy afterwards.
 */
@QuarkusTest
class ResubmissionLoadTest {

    private static final Logger LOG = Logger.getLogger(ResubmissionLoadTest.class);
    private static final int CLIENTS = 8;
    private static final int LINES = 20_000;
    private static final int REQUESTS = 48;

    /** The Jämtland seed dossier as region {@code region}'s, with {@code lines} generated ledger lines. */
    static String dossierWithLedger(String region, int lines) {
        StringBuilder ledger = new StringBuilder("\"ledger\": [");
        for (int i = 1; i <= lines; i++) {
            ledger.append("{\"voucher\": \"A ").append(100000 + i / 4).append("\", \"line\": ").append(i % 4 + 1)
                    .append(", \"date\": \"2018-07-31\", \"account\": \"4011\", \"responsibility\": \"31240\", ")
                    .append("\"activity\": \"1120\", \"object\": \"").append(i % 50 == 0 ? "9920" : "9916")
                    .append("\", \"unit\": \"PPHV\", \"measure\": \"VG-01\", \"amount\": ").append(100 + i % 997)
                    .append(".50, \"text\": \"Sommarförstärkning\"},");
        }
        String json = Fixtures.read(Fixtures.JAMTLAND).replace("\"region\": \"23\"", "\"region\": \"" + region + "\"");
        return json.replaceFirst("\"ledger\": \\[", java.util.regex.Matcher.quoteReplacement(ledger.toString()));
    }

    @Test
    void shouldAnswerOnly201Or409ToParallelResubmissions() throws Exception {
        String body = dossierWithLedger("10", LINES);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        Map<Integer, Integer> statuses = new TreeMap<>();
        long start = System.nanoTime();
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                answers.add(clients.submit(() -> given().auth().preemptive().basic("kontroller-ovriga", "kontroller-ovriga")
                        .contentType(ContentType.JSON).body(body).post("/api/v1/dossiers").then().extract().statusCode()));
            }
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(), 1, Integer::sum);
            }
        } finally {
            clients.shutdownNow();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        LOG.infof("%d resubmissions of a %d-line dossier by %d clients in %d ms: %s", REQUESTS, LINES, CLIENTS, ms, statuses);
        assertTrue(Set201Or409(statuses), "only 201 and 409: " + statuses);
        assertTrue(statuses.getOrDefault(201, 0) > 0, "some got through: " + statuses);
        assertEquals(200, given().get("/q/health").then().extract().statusCode());
    }

    private static boolean Set201Or409(Map<Integer, Integer> statuses) {
        return statuses.keySet().stream().allMatch(s -> s == 201 || s == 409);
    }
}
