package se.bidragskoll.security;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service, started in production mode with the session key that ships in
 * {@code application.properties}, refuses to start and says what to do.
 */
class SessionKeyIT {

    @Test
    void shouldRefuseToStartWithTheShippedSessionKey(@TempDir Path tmp) throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), "package the service first: " + jar);
        ProcessBuilder service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dquarkus.http.port=0",
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + tmp.resolve("db") + ";AUTO_SERVER=TRUE",
                "-Dquarkus.datasource.username=sa", "-Dquarkus.datasource.password=",
                "-Dbidragskoll.rules.cache-dir=" + tmp.resolve("rules-cache"), "-jar", jar.toString())
                .redirectErrorStream(true);
        service.environment().keySet().removeIf(name -> name.startsWith("BIDRAGSKOLL_"));
        Process p = service.start();
        String output;
        try {
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the service stops by itself");
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
        assertNotEquals(0, p.exitValue(), output);
        assertTrue(output.contains("BIDRAGSKOLL_SESSION_KEY"), output);
        assertTrue(output.contains("bidragskoll.session.allow-default-key"), output);
    }
}
