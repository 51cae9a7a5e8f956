package se.bidragskoll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A copy of the landed rules folder that a test may break or change. */
public final class RulesCopy {

    private RulesCopy() {
    }

    public static Path of(Path target) {
        try {
            if (Files.exists(target)) {
                try (Stream<Path> old = Files.walk(target)) {
                    old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Path source = Path.of("rules");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path p : files.toList()) {
                    Path to = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void replace(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            if (!text.contains(from)) {
                throw new IllegalArgumentException(file + " has no '" + from + "'");
            }
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the scenarios of Patientmiljarden 2018's action-plan deadline are, which a moved deadline breaks. */
    public static final String DEADLINE_SCENARIOS = "agreements/patientmiljarden-2018/action-plan-deadline.test.yaml";

    /**
     * Moves Patientmiljarden 2018's action-plan deadline in a copied folder as an author would, with
     * its scenarios: those written for the old date are taken out (a reload runs the scenarios).
     */
    public static void moveActionPlanDeadline(Path rules, String from, String to) {
        replace(rules.resolve("agreements/patientmiljarden-2018.yaml"), "due: " + from, "due: " + to);
        try {
            Files.deleteIfExists(rules.resolve(DEADLINE_SCENARIOS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
