package se.bidragskoll.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken rules folder never becomes a rule set, and says where it is broken. */
class RuleSetLoaderTest {

    @TempDir
    Path copy;

    @Test
    void shouldLoadTheLandedRulesWithAContentHash() {
        RuleSet rules = RuleSetLoader.load(Path.of("rules"));
        assertTrue(rules.version().matches("sha256:[0-9a-f]{64}"));
        assertEquals(20, rules.conditions().size());
        assertEquals(RuleSetLoader.load(Path.of("rules")).version(), rules.version());
    }

    @Test
    void shouldNameFileAndLineOfASyntaxErrorInARuleBody() throws IOException {
        copyRules();
        Path drl = copy.resolve("cost-coding/cost-object.drl");
        String text = Files.readString(drl).replace("object != $object )", "object != $object ))) (");
        Files.writeString(drl, text);
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(copy));
        assertTrue(e.problems().stream().anyMatch(p -> p.file().equals("cost-coding/cost-object.drl") && p.line() > 1),
                e.getMessage());
    }

    @Test
    void shouldNameAnUnknownFactType() throws IOException {
        copyRules();
        Path drl = copy.resolve("exit-plans/exit-plan.drl");
        Files.writeString(drl, Files.readString(drl).replace("$m : Measure(", "$m : Massure("));
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(copy));
        assertTrue(e.problems().stream().anyMatch(p -> p.file().equals("exit-plans/exit-plan.drl")), e.getMessage());
    }

    @Test
    void shouldRefuseARuleWithoutCode() throws IOException {
        copyRules();
        Path drl = copy.resolve("exit-plans/exit-plan.drl");
        Files.writeString(drl, Files.readString(drl).replace("@code(REG-EXIT-PLAN) @part(assessed)", ""));
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(copy));
        assertTrue(e.getMessage().contains("has no @code"), e.getMessage());
    }

    @Test
    void shouldRefuseAConditionWithoutSourceClauseAndNameItsLine() throws IOException {
        copyRules();
        Path yaml = copy.resolve("conditions.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace(
                "clause: \"Avrop sker baserat på faktiskt upparbetade kostnader\"", "clause: \"\""));
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(copy));
        assertTrue(e.problems().stream().anyMatch(p -> p.file().equals("conditions.yaml") && p.line() > 1
                && p.message().contains("REG-DRAWDOWN-INCURRED")), e.getMessage());
    }

    @Test
    void shouldNameTheLineOfAWrongTypeInAParameterFile() throws IOException {
        copyRules();
        Path yaml = copy.resolve("regions/23-jamtland-harjedalen.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("category: 2", "category: [två]"));
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(copy));
        assertTrue(e.problems().stream().anyMatch(p -> p.file().equals("regions/23-jamtland-harjedalen.yaml")
                && p.line() > 1), e.getMessage());
    }

    @Test
    void shouldChangeTheVersionWhenAParameterChanges() throws IOException {
        copyRules();
        String before = RuleSetLoader.load(copy).version();
        Path yaml = copy.resolve("agreements/patientmiljarden-2018.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("value: 2018-04-16", "value: 2018-04-30"));
        assertNotEquals(before, RuleSetLoader.load(copy).version());
    }

    private void copyRules() throws IOException {
        Path source = Path.of("rules");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
