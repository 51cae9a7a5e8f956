package se.bidragskoll;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * CI's PostgreSQL phase leaves out what {@code .ci/pg-phase-skips} names: every test that starts no
 * service (it touches no database, and the H2 phase ran it) is named there, and nothing else but the
 * load tier, so that no test touching the database is skipped on PostgreSQL by mistake.
 */
class CiTiersTest {

    private static final Set<String> LOAD_TIER = Set.of("ResubmissionLoadTest", "KilledImportIT", "ParallelSubmissionsIT");

    @Test
    void shouldSkipOnPostgresqlExactlyTheTestsWithoutADatabaseAndTheLoadTier() throws IOException {
        Set<String> skipped = Files.readAllLines(Path.of(".ci/pg-phase-skips")).stream()
                .map(String::strip).filter(l -> l.startsWith("**/") && l.endsWith(".java"))
                .map(l -> l.substring(3, l.length() - 5)).collect(Collectors.toSet());
        List<Path> tests;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            tests = files.filter(p -> p.getFileName().toString().matches(".*(Test|IT)\\.java")).toList();
        }
        for (Path test : tests) {
            String name = test.getFileName().toString().replace(".java", "");
            String text = Files.readString(test);
            boolean service = java.util.regex.Pattern.compile("(?m)^@Quarkus(Integration)?Test\\b").matcher(text).find()
                    || name.endsWith("IT");
            if (!service || LOAD_TIER.contains(name)) {
                assertTrue(skipped.contains(name), name + " starts no service (or is load tier): list it in .ci/pg-phase-skips");
            } else {
                assertTrue(!skipped.contains(name), name + " touches the database: it must run on PostgreSQL too");
            }
        }
    }
}
