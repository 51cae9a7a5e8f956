package se.bidragskoll.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidragskoll.Fixtures;
import se.bidragskoll.bench.LedgerGenerator;

/**
 * The packaged service, killed with SIGKILL while it stores a large ledger file, comes back with the
 * previous ledger intact: the same revisions, the same lines, and no line of the killed import in the
 * database. Runs {@code target/quarkus-app/quarkus-run.jar} (after {@code package}) on a file H2
 * database of its own.
 */
class KilledImportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("kontroller-jh:kontroller-jh".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> started = new ArrayList<>();
    private int port;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldKeepThePreviousLedgerWhenKilledWhileStoringALargeOne() throws Exception {
        Path db = tmp.resolve("db");
        Path log1 = tmp.resolve("first.log");
        Process first = start(db, log1);

        String id = JSON.readTree(send(HttpRequest.newBuilder(uri("/api/v1/dossiers"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Fixtures.read(Fixtures.JAMTLAND))), 201)).path("dossier").asText();
        send(HttpRequest.newBuilder(uri("/api/v1/dossiers/" + id + "/ledger")).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofFile(LedgerCsvReaderTest.file("raindance-utf8-bom.csv"))), 200);
        JsonNode before = JSON.readTree(send(HttpRequest.newBuilder(uri("/api/v1/dossiers/" + id)).GET(), 200));
        int revisionsBefore = JSON.readTree(send(HttpRequest.newBuilder(uri("/api/v1/dossiers/" + id + "/revisions"))
                .GET(), 200)).size();
        long linesBefore = before.path("ledger").size();
        assertTrue(linesBefore > 0);

        Path large = tmp.resolve("large.csv");
        LedgerGenerator.writeCsv(400_000, large);
        CompletableFuture<HttpResponse<String>> put = http.sendAsync(
                HttpRequest.newBuilder(uri("/api/v1/dossiers/" + id + "/ledger")).header("Authorization", AUTH)
                        .header("Content-Type", "text/csv").timeout(Duration.ofMinutes(2))
                        .PUT(HttpRequest.BodyPublishers.ofFile(large)).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitLog(log1, ": 400000 lines", Duration.ofSeconds(90)); // "storing ledger … of dossier …: 400000 lines"
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the service
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        String firstLog = Files.readString(log1);
        assertFalse(firstLog.substring(firstLog.indexOf(": 400000 lines")).contains("stored ledger"),
                "killed while storing, not after:\n" + tail(firstLog));
        assertTrue(put.handle((r, e) -> e != null || r.statusCode() >= 500).get(30, TimeUnit.SECONDS),
                "the killed import did not answer");

        start(db, tmp.resolve("second.log"));
        JsonNode after = JSON.readTree(send(HttpRequest.newBuilder(uri("/api/v1/dossiers/" + id)).GET(), 200));
        assertEquals(before.path("ledger"), after.path("ledger"), "the previous ledger, line for line");
        assertEquals(revisionsBefore, JSON.readTree(send(HttpRequest.newBuilder(uri("/api/v1/dossiers/" + id
                + "/revisions")).GET(), 200)).size());
        // and the large file imports once the service is back
        JsonNode report = JSON.readTree(send(HttpRequest.newBuilder(uri("/api/v1/dossiers/" + id + "/ledger"))
                .header("Content-Type", "text/csv").timeout(Duration.ofMinutes(2))
                .PUT(HttpRequest.BodyPublishers.ofFile(large)), 200));
        assertEquals(revisionsBefore + 1, report.path("revision").asInt());
        stopAll();
        started.clear();

        try (Connection c = DriverManager.getConnection(url(db), "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT l.line_count, (SELECT COUNT(*) FROM ledger_line x WHERE x.ledger_id = l.id) FROM ledger l")) {
            List<String> ledgers = new ArrayList<>();
            while (rs.next()) {
                ledgers.add(rs.getLong(1) + "/" + rs.getLong(2));
            }
            assertTrue(ledgers.contains(linesBefore + "/" + linesBefore), ledgers.toString());
            assertEquals(1, ledgers.stream().filter(l -> l.startsWith("400000/")).count(),
                    "one large ledger, the one imported after the restart: " + ledgers);
            assertTrue(ledgers.stream().allMatch(l -> l.split("/")[0].equals(l.split("/")[1])),
                    "every ledger whole, no line of the killed import: " + ledgers);
        }
    }

    private Process start(Path db, Path log) throws IOException, InterruptedException {
        if (port == 0) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
        }
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), "package the service first: " + jar);
        ProcessBuilder service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dquarkus.http.port=" + port, "-Dquarkus.datasource.jdbc.url=" + url(db),
                "-Dquarkus.datasource.username=sa", "-Dquarkus.datasource.password=",
                "-Dbidragskoll.rules.cache-dir=" + tmp.resolve("rules-cache"),
                "-Dquarkus.http.auth.session.encryption-key=" + java.util.UUID.randomUUID() + java.util.UUID.randomUUID(),
                "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // its own database whatever the build's environment points the tests at (CI's PostgreSQL pass)
        service.environment().keySet().removeIf(name -> name.startsWith("BIDRAGSKOLL_"));
        Process p = service.start();
        started.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), "the service stopped:\n" + tail(Files.readString(log)));
            try {
                if (http.send(HttpRequest.newBuilder(uri("/q/health/ready")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return p;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not get ready:\n" + tail(Files.readString(log)));
    }

    private static String url(Path db) {
        return "jdbc:h2:file:" + db.toAbsolutePath();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private String send(HttpRequest.Builder request, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.header("Authorization", AUTH).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        return response.body();
    }

    private static void awaitLog(Path log, String text, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no '" + text + "' in the log:\n" + tail(Files.readString(log)));
    }

    private static String tail(String log) {
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }
}
