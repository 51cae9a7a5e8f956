package se.bidragskoll.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.bidragskoll.RulesCopy;
import se.bidragskoll.cli.Commands;

/**
 * The attack corpus ({@code src/test/resources/rule-attacks}): every file is refused by {@code check}
 * with exit 1 at its marked line, before anything of it runs; the consequences among them are refused
 * by the gate on compiled classes on their own too (the text scan is not what holds); and the rule
 * class loader links nothing outside the allow-list.
 */
class RuleGateTest {

    static final Path ATTACKS = Path.of("src/test/resources/rule-attacks");
    private static final Path PWNED = Path.of("target/pwned");

    @TempDir
    static Path tmp;
    static Path rules;

    @BeforeAll
    static void copyRules() throws IOException {
        rules = RulesCopy.of(tmp.resolve("rules"));
        Files.deleteIfExists(PWNED);
    }

    @AfterAll
    static void nothingRan() {
        assertFalse(Files.exists(PWNED), "an attack wrote target/pwned");
    }

    static Stream<String> attacks() throws IOException {
        try (Stream<Path> files = Files.list(ATTACKS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".drl")).sorted().toList().stream();
        }
    }

    /** The line marked {@code // <- refused} in an attack file. */
    static int markedLine(String text) {
        return marked(text, "// <- refused");
    }

    /** Where the compiled-class gate refuses it: the line marked {@code // <- compiled}, else the refused line. */
    static int compiledLine(String text) {
        return text.contains("// <- compiled") ? marked(text, "// <- compiled") : markedLine(text);
    }

    private static int marked(String text, String marker) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                return i + 1;
            }
        }
        throw new IllegalStateException("no line is marked '" + marker + "'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void shouldRefuseEveryAttackFileWithItsFileLineAndColumnAndExitOne(String attack) throws IOException {
        String text = Files.readString(ATTACKS.resolve(attack));
        Path file = rules.resolve("families/attack.drl");
        Files.writeString(file, text);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try {
            int exit = Commands.run(new String[] {"check", rules.toString()}, out, out);
            String output = printed.toString(StandardCharsets.UTF_8);
            assertEquals(1, exit, output);
            assertTrue(Pattern.compile(Pattern.quote(file.toString()) + ":" + markedLine(text) + ":[1-9][0-9]*: ")
                    .matcher(output).find(), attack + " not refused at line " + markedLine(text) + ":\n" + output);
            assertFalse(output.contains("Exception"), "no stack trace: " + output);
        } finally {
            Files.delete(file);
        }
        assertFalse(Files.exists(PWNED), attack + " wrote target/pwned");
    }

    /**
     * The consequences of the corpus compiled as the engine compiles them, the text gate left out: the
     * gate on compiled classes refuses each at its line on its own.
     */
    @Test
    void shouldRefuseTheCompiledConsequencesWithoutTheTextScan() throws IOException {
        List<String> judged = new ArrayList<>();
        for (String attack : attacks().toList()) {
            String text = Files.readString(ATTACKS.resolve(attack));
            RuleEngine.Compiled compiled;
            try {
                compiled = RuleEngine.compile(Map.of("families/attack.drl", text));
            } catch (RuleSetException e) {
                continue; // the engine itself refuses it (an unknown class, a syntax it lacks, what it loads)
            }
            List<RuleProblem> problems = RuleEngine.gate(compiled, Map.of("families/attack.drl", text));
            if (text.contains("then\n") && text.substring(text.indexOf("then\n")).contains("// <- refused")
                    || text.contains("function")) {
                judged.add(attack);
                assertTrue(problems.stream().anyMatch(p -> p.line() == compiledLine(text) && p.column() >= 1),
                        attack + " compiled but not refused at line " + compiledLine(text) + ": " + problems);
            }
        }
        assertTrue(judged.size() >= 15, "the compiled-class gate judged only " + judged);
        assertTrue(judged.contains("unicode-escape-closes-string.drl") && judged.contains("large-array.drl")
                && judged.contains("endless-loop.drl") && judged.contains("unicode-newline-ends-comment.drl"), judged.toString());
        assertFalse(Files.exists(PWNED));
    }

    /**
     * A rule base compiled and cached before the gate was this strict (here: compiled past the gate) is
     * judged again when it is read back: the cache does not let it in.
     */
    @Test
    void shouldRefuseACompiledRuleBaseReadBackFromTheCache() throws IOException {
        Path copy = RulesCopy.of(tmp.resolve("cached-rules"));
        String text = Files.readString(ATTACKS.resolve("large-array.drl"));
        Files.writeString(copy.resolve("families/attack.drl"), text);
        Map<String, String> files = RuleSetLoader.files(copy);
        Map<String, String> drls = new java.util.TreeMap<>();
        files.forEach((path, content) -> {
            if (path.endsWith(".drl")) {
                drls.put(path, content);
            }
        });
        Path cache = tmp.resolve("cache");
        CompiledCache.write(cache, drls, RuleEngine.compile(drls));
        RuleSetException refused = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(files, cache));
        assertTrue(refused.problems().stream().anyMatch(p -> p.file().equals("families/attack.drl")
                && p.line() == markedLine(text)), refused.problems().toString());
    }

    @Test
    void shouldPassTheLandedRulesThroughBothGates() {
        RuleSet set = RuleSetLoader.load(Path.of("rules"));
        assertFalse(set.rules().isEmpty());
    }

    @Test
    void shouldLinkNothingOutsideTheAllowListThroughTheRuleClassLoader() throws ClassNotFoundException {
        for (String refused : List.of("java.lang.Runtime", "java.lang.ProcessBuilder", "java.lang.System",
                "java.lang.Thread", "java.lang.ClassLoader", "java.io.File", "java.io.FileOutputStream",
                "java.nio.file.Files", "java.lang.reflect.Method", "java.lang.invoke.MethodHandles",
                "java.beans.Expression", "java.util.Timer", "java.lang.InheritableThreadLocal",
                "java.util.concurrent.Executors", "sun.misc.Unsafe", "se.bidragskoll.dossier.DossierService")) {
            assertThrows(ClassNotFoundException.class, () -> RuleClassLoader.INSTANCE.loadClass(refused), refused);
        }
        for (String allowed : List.of("se.bidragskoll.model.Grant", "java.math.BigDecimal", "java.util.List",
                "java.time.LocalDate", "java.lang.String")) {
            assertEquals(allowed, RuleClassLoader.INSTANCE.loadClass(allowed).getName());
        }
    }
}
