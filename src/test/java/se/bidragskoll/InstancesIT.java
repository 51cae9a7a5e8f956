package se.bidragskoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged instances of the pg build ({@code target/quarkus-app-pg}, built by the {@code pg-app}
 * Maven profile) on one PostgreSQL database, with the same session key, each with its own copy of the
 * rules folder: a page login on A is used on B and a logout on B ends it on A; a rule reload on A is
 * judged with on B within 5 s (B's own folder unchanged: the bundle comes from the database); a review
 * decision on A is read on B; a waiver past its end date is reopened by the schedule once (one audit
 * event, one instance's log). Runs only when {@code BIDRAGSKOLL_DB_URL} points at PostgreSQL.
 */
class InstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DB_URL = System.getenv("BIDRAGSKOLL_DB_URL");
    private static final String DB_USER = System.getenv().getOrDefault("BIDRAGSKOLL_DB_USER", "postgres");
    private static final String DB_PASSWORD = System.getenv().getOrDefault("BIDRAGSKOLL_DB_PASSWORD", "");
    private static final Path JAR = Path.of("target/quarkus-app-pg/quarkus-run.jar");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> started = new ArrayList<>();

    record Instance(String name, int port, Path log, Path rules) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void shouldServeAsOneFromTwoInstancesOnOneDatabase() throws Exception {
        Assumptions.assumeTrue(DB_URL != null && DB_URL.startsWith("jdbc:postgresql:"),
                "InstancesIT SKIPPED: BIDRAGSKOLL_DB_URL does not point at PostgreSQL (" + DB_URL + ")");
        assertTrue(Files.exists(JAR), "build the pg app first (mvn package with BIDRAGSKOLL_DB_URL set, or -Ppg-app): " + JAR);
        String key = UUID.randomUUID() + "-" + UUID.randomUUID();
        Instance a = start("a", key);
        Instance b = start("b", key);

        // ---- a page login on A used on B; a logout on B ends it on A
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(a.uri("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=styrgrupp&j_password=styrgrupp")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, login.statusCode(), login.headers().toString());
        String cookies = cookies(login);
        assertTrue(cookies.contains("bidragskoll-session="), cookies);
        assertEquals(200, page(b, "/granskning", cookies).statusCode(), "the login on A is honoured by B");
        assertEquals(200, page(a, "/granskning", cookies).statusCode());
        assertEquals(303, logout(b, cookies).statusCode());
        HttpResponse<String> after = page(a, "/granskning", cookies);
        assertEquals(303, after.statusCode(), "the logout on B ended the session on A");
        assertTrue(after.headers().firstValue("Location").orElse("").contains("/logga-in"));

        // ---- a reload on A judged with on B within 5 s
        String before = version(b);
        assertEquals(before, version(a));
        Path agreement = a.rules().resolve("agreements/patientmiljarden-2018.yaml");
        Files.writeString(agreement, Files.readString(agreement).replace("due: 2018-04-16", "due: 2018-04-12"));
        Files.delete(a.rules().resolve(se.bidragskoll.RulesCopy.DEADLINE_SCENARIOS)); // its scenarios say 04-16
        JsonNode reload = JSON.readTree(send(a, "regelforfattare", HttpRequest.newBuilder(a.uri("/api/v1/rules/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()), 200));
        String reloaded = reload.path("version").asText();
        assertNotEquals(before, reloaded);
        long start = System.nanoTime();
        while (!version(b).equals(reloaded) && System.nanoTime() - start < 5_000_000_000L) {
            Thread.sleep(100);
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(reloaded, version(b), "B judges with A's reload within 5 s (" + tookMs + " ms)");
        System.out.println("InstancesIT: B switched to A's reload in " + tookMs + " ms");
        JsonNode health = JSON.readTree(http.send(HttpRequest.newBuilder(b.uri("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertTrue(health.toString().contains(reloaded), health.toString());
        JsonNode validated = JSON.readTree(send(b, "kontroller-jh", HttpRequest.newBuilder(b.uri("/api/v1/validate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Fixtures.read(Fixtures.JAMTLAND))), 200));
        assertEquals(reloaded, validated.path("ruleset").path("version").asText(), "B's report names the version");

        // ---- a decision on A read on B
        // the packaged service's demo controller of Västmanland (19); a resubmission is a new revision
        String dossier = JSON.readTree(send(a, "kontroller-vm", HttpRequest.newBuilder(a.uri("/api/v1/dossiers"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Fixtures.read(Fixtures.VASTMANLAND))), 201))
                .path("dossier").asText();
        String finding = null;
        for (JsonNode item : JSON.readTree(send(a, "styrgrupp", HttpRequest.newBuilder(
                a.uri("/api/v1/findings?region=19&status=OPEN&size=500")).GET(), 200)).path("items")) {
            if (item.path("dossier").asText().equals(dossier)) {
                finding = item.path("id").asText();
            }
        }
        assertNotNull(finding, "an open finding of the dossier");
        send(a, "styrgrupp", HttpRequest.newBuilder(a.uri("/api/v1/findings/" + finding + "/decisions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"WAIVE\",\"comment\":\"Beslut på A\",\"until\":\"2099-06-30\"}")), 200);
        JsonNode onB = JSON.readTree(send(b, "styrgrupp", HttpRequest.newBuilder(b.uri("/api/v1/findings/" + finding)).GET(), 200));
        assertEquals("WAIVED", onB.path("status").asText());
        assertEquals("Beslut på A", onB.path("lastComment").asText());

        // ---- a waiver past its end date reopened by the schedule, once (no request reads it meanwhile)
        try (Connection c = DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD)) {
            try (PreparedStatement p = c.prepareStatement("UPDATE finding SET waived_until = CURRENT_DATE - 1 WHERE id = ?")) {
                p.setString(1, finding);
                assertEquals(1, p.executeUpdate());
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            String status = "WAIVED";
            while (!status.equals("OPEN") && System.nanoTime() < until) {
                Thread.sleep(200);
                status = one(c, "SELECT status FROM finding WHERE id = '" + finding + "'");
            }
            assertEquals("OPEN", status, "reopened by the schedule");
            Thread.sleep(5_000); // more scheduled runs on both instances
            send(a, "styrgrupp", HttpRequest.newBuilder(a.uri("/api/v1/findings/" + finding)).GET(), 200);
            send(b, "styrgrupp", HttpRequest.newBuilder(b.uri("/api/v1/findings/" + finding)).GET(), 200);
            assertEquals("1", one(c, "SELECT COUNT(*) FROM audit_event WHERE finding_id = '" + finding
                    + "' AND action = 'WAIVER_EXPIRED' AND actor = 'system'"), "one audit event of the expiry");
        }
        long logs = 0;
        for (Instance i : List.of(a, b)) {
            logs += Files.readAllLines(i.log()).stream().filter(l -> l.contains("waivers past their end date reopened")).count();
        }
        assertEquals(1, logs, "one instance reopened it");
    }

    private Instance start(String name, String key) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path rules = RulesCopy.of(tmp.resolve("rules-" + name));
        Instance instance = new Instance(name, port, tmp.resolve(name + ".log"), rules);
        ProcessBuilder service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+ExitOnOutOfMemoryError", "-Dquarkus.profile=pg", "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + DB_URL, "-Dquarkus.datasource.username=" + DB_USER,
                "-Dquarkus.datasource.password=" + DB_PASSWORD,
                "-Dbidragskoll.rules.dir=" + rules, "-Dbidragskoll.rules.cache-dir=" + tmp.resolve("rules-cache-" + name),
                "-Dbidragskoll.waivers.expire-every=2s",
                "-Dquarkus.http.auth.session.encryption-key=" + key, "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(instance.log().toFile());
        service.environment().keySet().removeIf(n -> n.startsWith("BIDRAGSKOLL_"));
        Process p = service.start();
        started.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), "instance " + name + " stopped:\n" + tail(Files.readString(instance.log())));
            try {
                if (http.send(HttpRequest.newBuilder(instance.uri("/q/health/ready")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return instance;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("instance " + name + " did not get ready:\n" + tail(Files.readString(instance.log())));
    }

    private static String cookies(HttpResponse<?> response) {
        StringBuilder jar = new StringBuilder();
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            if (pair.indexOf('=') < pair.length() - 1) { // not a removal ("name=")
                jar.append(jar.length() == 0 ? "" : "; ").append(pair);
            }
        }
        return jar.toString();
    }

    /** The logout form of a page of {@code i}, posted with its CSRF token and the CSRF cookie that page set. */
    private HttpResponse<String> logout(Instance i, String cookies) throws IOException, InterruptedException {
        HttpResponse<String> page = page(i, "/kalender", cookies);
        assertEquals(200, page.statusCode());
        java.util.regex.Matcher token = java.util.regex.Pattern.compile(
                "action=\"/logga-ut\"[^>]*><input type=\"hidden\" name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertTrue(token.find(), "the page has a logout form with a CSRF token");
        String jar = cookies + (cookies(page).isEmpty() ? "" : "; " + cookies(page));
        return http.send(HttpRequest.newBuilder(i.uri("/logga-ut")).header("Cookie", jar)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + java.net.URLEncoder.encode(token.group(1),
                        java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> page(Instance i, String path, String cookies) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(i.uri(path)).header("Cookie", cookies).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String version(Instance i) throws IOException, InterruptedException {
        return JSON.readTree(send(i, "styrgrupp", HttpRequest.newBuilder(i.uri("/api/v1/rules")).GET(), 200))
                .path("version").asText();
    }

    private String send(Instance i, String user, HttpRequest.Builder request, int status) throws IOException, InterruptedException {
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(request.header("Authorization", auth).timeout(Duration.ofMinutes(1)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), i.name() + ": " + response.body());
        return response.body();
    }

    private static String one(Connection c, String query) throws Exception {
        try (PreparedStatement p = c.prepareStatement(query); ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String tail(String log) {
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }
}
