package se.bidragskoll.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's load: 96 parallel submissions of a 20 000-line dossier (about 4 MB each) to the packaged
 * service in a 512 MB heap. Before admission they exhausted the heap (500s, unanswered requests,
 * health DOWN for minutes); now every answer is 201, 409 or 503, every request is answered, and health
 * is UP within 5 s after the last answer.
 */
class ParallelSubmissionsIT {

    private static final int REQUESTS = 96;
    private static final int LINES = 20_000;
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("kontroller-vm:kontroller-vm".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private Process service;
    private int port;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.destroyForcibly();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldAnswerEverySubmissionWith201Or409Or503AndStayHealthy() throws Exception {
        Path log = tmp.resolve("service.log");
        start(log);
        byte[] body = ResubmissionLoadTest.dossierWithLedger("19", LINES).getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(uri("/api/v1/dossiers")).header("Authorization", AUTH)
                            .header("Content-Type", "application/json").timeout(Duration.ofMinutes(5))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding())
                    .handle((r, e) -> e != null ? -1 : r.statusCode()));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (CompletableFuture<Integer> a : answers) {
            statuses.merge(a.get(6, TimeUnit.MINUTES), 1, Integer::sum);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%d parallel submissions of a %d-line dossier (%d bytes) in a 512 MB heap: %s in %d ms%n",
                REQUESTS, LINES, body.length, statuses, ms);
        assertTrue(Set.of(201, 409, 503).containsAll(statuses.keySet()), "only 201, 409 and 503: " + statuses
                + "\n" + tail(Files.readString(log)));
        assertTrue(statuses.getOrDefault(201, 0) > 0, "some got through: " + statuses);
        assertTrue(service.isAlive(), "the service is still running:\n" + tail(Files.readString(log)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int health = 0;
        while (System.nanoTime() < deadline && health != 200) {
            health = http.send(HttpRequest.newBuilder(uri("/q/health")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (health != 200) {
                Thread.sleep(200);
            }
        }
        assertTrue(health == 200, "health UP within 5 s, was " + health);
    }

    private void start(Path log) throws IOException, InterruptedException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), "package the service first: " + jar);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath(),
                "-Dquarkus.datasource.username=sa", "-Dquarkus.datasource.password=",
                "-Dbidragskoll.rules.cache-dir=" + tmp.resolve("rules-cache"),
                "-Dquarkus.http.auth.session.encryption-key=" + java.util.UUID.randomUUID() + java.util.UUID.randomUUID(),
                "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("BIDRAGSKOLL_"));
        service = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertTrue(service.isAlive(), "the service stopped:\n" + tail(Files.readString(log)));
            try {
                if (http.send(HttpRequest.newBuilder(uri("/q/health/ready")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not get ready:\n" + tail(Files.readString(log)));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String tail(String log) {
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }
}
