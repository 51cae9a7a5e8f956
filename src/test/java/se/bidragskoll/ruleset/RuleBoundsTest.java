package se.bidragskoll.ruleset;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidragskoll.RulesCopy;
import se.bidragskoll.api.DossierJson;
import se.bidragskoll.judgement.Evaluator;
import se.bidragskoll.model.Dossier;

/**
 * A rule that keeps activating itself, or runs on and on, stops its judgement, not the service. The
 * gate refuses such rules before they are compiled (RuleGateTest); the bounds here are the engine's own,
 * tried with rules compiled past the gate.
 */
class RuleBoundsTest {

    @TempDir
    Path tmp;

    private RuleSet withRule(String body) throws IOException {
        Path dir = RulesCopy.of(tmp.resolve("rules"));
        Path drl = dir.resolve("families/unspent.drl");
        Files.writeString(drl, Files.readString(drl) + """

                rule "Testregel som aldrig blir klar"
                    @family(unspent) @part(never-done)
                when
                    $c : Condition( family == "unspent" )
                then
                """ + body + """
                end
                """);
        RuleSet landed = RuleSetLoader.load(Path.of("rules"));
        java.util.Map<String, String> drls = new java.util.TreeMap<>();
        RuleSetLoader.files(dir).forEach((path, text) -> {
            if (path.endsWith(".drl")) {
                drls.put(path, text);
            }
        });
        assertTrue(!RuleEngine.gate(RuleEngine.compile(drls), drls).isEmpty(), "the gate refuses the rule");
        RuleEngine.Compiled past = RuleEngine.compile(drls);
        return new RuleSet(landed.version(), landed.loadedAt(), past.kieBase(), landed.conditions(), landed.agreements(),
                landed.regions(), past.rules(), landed.files(), landed.families(), landed.generic(), landed.genericSource(),
                landed.populations(), landed.plan());
    }

    private static Dossier dossier() throws IOException {
        return DossierJson.mapper().readValue("""
                { "region": "23", "agreement": "patientmiljarden-2018", "asOf": "2019-04-30",
                  "grant": { "grantedAmount": 12600000.00, "costObject": "9916" } }
                """, Dossier.class);
    }

    @Test
    void shouldStopARuleThatKeepsActivatingItself() throws IOException {
        RuleSet rules = withRule("    update($c);\n");
        RulesDidNotFinishException e = assertThrows(RulesDidNotFinishException.class,
                () -> Evaluator.judge(rules, dossier(), LocalDate.of(2019, 4, 30)).swedish());
        assertTrue(e.getMessage().contains("rule \"Testregel som aldrig blir klar\" fired"), e.getMessage());
    }

    @Test
    void shouldStopRulesThatRunPastTheTimeLimit() throws IOException {
        RuleSet rules = withRule("    long spin = 0;\n    for (int i = 0; i < 20000000; i++) { spin += i; }\n    update($c);\n");
        System.setProperty("bidragskoll.rules.time-limit-ms", "300");
        try {
            long start = System.nanoTime();
            RulesDidNotFinishException e = assertThrows(RulesDidNotFinishException.class,
                    () -> Evaluator.judge(rules, dossier(), LocalDate.of(2019, 4, 30)).swedish());
            assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "stopped within seconds");
        } finally {
            System.clearProperty("bidragskoll.rules.time-limit-ms");
        }
    }

    @Test
    void shouldRefuseRulesThatReachOutsideTheJudgement() throws IOException {
        Path dir = RulesCopy.of(tmp.resolve("harm"));
        Path drl = dir.resolve("families/unspent.drl");
        String text = Files.readString(drl).replace("import se.bidragskoll.model.Grant;",
                "import se.bidragskoll.model.Grant;\nimport java.nio.file.Files;\nglobal java.util.List leaked;");
        Files.writeString(drl, text + """

                rule "Skriver en fil"
                    @family(unspent) @part(harm)
                when
                    $c : Condition( family == "unspent" )
                then
                    java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/x"), "owned");
                    System.exit(1);
                    Class.forName("java.lang.Runtime").getMethod("getRuntime");
                end
                """);
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(dir));
        String said = e.getMessage();
        for (String words : List.of("import java.nio.file.Files is outside", "global se.bidragskoll.judgement.Verdicts out, not java.util.List leaked",
                "'System' reaches outside", "'Class' reaches outside", "java.nio.file.Files.writeString is outside")) {
            assertTrue(said.contains(words), words + " in " + said);
        }
        assertTrue(e.problems().stream().allMatch(p -> p.file().equals("families/unspent.drl") && p.line() > 1), said);
    }
}
