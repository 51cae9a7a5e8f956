package se.bidragskoll.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidragskoll.RulesCopy;
import se.bidragskoll.cli.CheckCommand;
import se.bidragskoll.cli.RulesTestCommand;

/**
 * Issue 16, the rule author's side: a source's kind and dates are checked, a quotation is checked
 * against its text, and a broken file says so once, in plain words.
 */
class SourcesThatBindTest {

    @TempDir
    Path tmp;

    private Path copy() {
        return RulesCopy.of(tmp.resolve("rules"));
    }

    private static RuleSetException refused(Path dir) {
        return assertThrows(RuleSetException.class, () -> RuleSetLoader.load(dir));
    }

    @Test
    void shouldSayAYamlSyntaxErrorOnceInPlainWordsAndNotInTheFilesThatNameTheBrokenOne() {
        Path dir = copy();
        Path file = dir.resolve("agreements/patientmiljarden-2018.yaml");
        RulesCopy.replace(file, "id: patientmiljarden-2018", "id: patientmiljarden-2018\ntitle: { sv: \"Patientmiljarden");
        RuleSetException e = refused(dir);
        assertEquals(1, e.problems().size(), e.getMessage());
        RuleProblem p = e.problems().get(0);
        assertEquals("agreements/patientmiljarden-2018.yaml", p.file());
        assertTrue(p.message().startsWith("YAML syntax: "), p.message());
        assertTrue(!p.message().contains("org.yaml") && !p.message().contains("snakeyaml"), p.message());
        assertTrue(p.line() > 1, p.toString());
    }

    @Test
    void shouldNameBothPlacesOfACodeListedTwice() throws IOException {
        Path dir = copy();
        Path file = dir.resolve("agreements/patientmiljarden-2018.yaml");
        String text = Files.readString(file);
        RulesCopy.replace(file, "code: PM-FUNDING-PERIOD", "code: PM-ACTION-PLAN-AREAS");
        int first = 1 + (int) text.substring(0, text.indexOf("code: PM-ACTION-PLAN-AREAS")).chars()
                .filter(c -> c == '\n').count();
        RuleProblem p = refused(dir).problems().stream().filter(x -> x.message().contains("listed twice"))
                .findFirst().orElseThrow();
        assertTrue(p.message().contains("here and at agreements/patientmiljarden-2018.yaml:" + first + ":"), p.message());
        assertTrue(p.line() > first, p.toString());
    }

    @Test
    void shouldRefuseAPeriodThatRunsBackwards() {
        Path dir = copy();
        RulesCopy.replace(dir.resolve("agreements/patientmiljarden-2018.yaml"),
                "params: { from: 2018-01-01, to: 2018-12-31 }", "params: { from: 2019-01-01, to: 2018-12-31 }");
        assertTrue(refused(dir).problems().stream().anyMatch(p -> p.message().contains("runs backwards")
                && p.file().equals("agreements/patientmiljarden-2018.yaml")));
    }

    @Test
    void shouldRefuseBidragskollsOwnReadingAsAnError() throws IOException {
        Path dir = copy();
        Path file = dir.resolve("agreements/patientmiljarden-2018.yaml");
        Files.writeString(file, Files.readString(file) + """

                  - code: PM-TEST-READING
                    family: funding-period
                    severity: ERROR
                    params: { from: 2018-01-01, to: 2018-12-31 }
                    source: { kind: inferred, clause: "Bidragskolls läsning av perioden." }
                """);
        assertTrue(refused(dir).problems().stream().anyMatch(p -> p.message().contains("never ERROR")));
    }

    @Test
    void shouldCapAReadingAtWarningWhateverTheFamilysDefault() {
        RuleSet rules = RuleSetLoader.load(Path.of("rules"));
        for (ConditionDef c : rules.conditions().values()) {
            if (c.source() != null && c.source().provenance().ownWords()) {
                assertTrue(c.severity() != ConditionDef.Severity.ERROR, c.code() + " rests on "
                        + c.source().kind() + " but is " + c.severity());
            }
        }
    }

    @Test
    void shouldRefuseAnUnknownSourceKindAndAQuotationWithoutItsQuotingDocument() throws IOException {
        Path dir = copy();
        Path file = dir.resolve("agreements/patientmiljarden-2018.yaml");
        Files.writeString(file, Files.readString(file) + """

                  - code: PM-TEST-KIND
                    family: funding-period
                    params: { from: 2018-01-01, to: 2018-12-31 }
                    source: { kind: hearsay, clause: "Medlen avser 2018." }
                  - code: PM-TEST-QUOTED
                    family: funding-period
                    params: { from: 2018-01-01, to: 2018-12-31 }
                    source: { kind: quoted-in, clause: "Medlen avser 2018." }
                """);
        List<RuleProblem> problems = refused(dir).problems();
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("unknown source kind 'hearsay'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("PM-TEST-QUOTED is quoted-in")), problems.toString());
    }

    @Test
    void shouldVerifyAQuotationAgainstItsTextAndListWhatCannotBeVerified() throws IOException {
        Path rules = tmp.resolve("mini");
        Files.createDirectories(rules.resolve("agreements"));
        Files.writeString(rules.resolve("agreements/prov-2018.yaml"), """
                id: prov-2018
                source: { document: "Provöverenskommelse", seed: "900", kind: agreement-text }
                conditions:
                  - code: PR-A
                    source: { clause: "Medlen får användas […] under hela 2018." }
                  - code: PR-B
                    source: { clause: "Medlen får användas till allt." }
                  - code: PR-C
                    source: { document: "Ett annat dokument", seed: "901", clause: "Något annat." }
                  - code: PR-D
                    source: { kind: inferred, clause: "Bidragskolls egen läsning." }
                """);
        Path texts = tmp.resolve("texts");
        Files.createDirectories(texts);
        Files.writeString(texts.resolve("900_prov.txt"), "Medlen  får an\u00ad-\nvändas till insatser\n genomförda under hela\n2018.\n",
                StandardCharsets.UTF_8);
        ClauseVerifier.Outcome o = new ClauseVerifier(List.of(texts)).verify(rules);
        assertEquals(1, o.verified(), o.toString());
        assertEquals(1, o.problems().size(), o.toString());
        RuleProblem p = o.problems().get(0);
        assertEquals("agreements/prov-2018.yaml", p.file());
        assertEquals(7, p.line(), p.toString());
        assertTrue(p.message().contains("Medlen får användas till allt."), p.message());
        assertEquals(1, o.unverified().size(), o.toString());
        assertTrue(o.unverified().get(0).message().contains("seed 901"), o.toString());
    }

    /** The repository's own rules against the texts that travel with them (rules/sources): every quoted clause found. */
    @Test
    void shouldFindEveryQuotedClauseOfTheRulesInTheirOwnSourceTexts() {
        ClauseVerifier.Outcome o = new ClauseVerifier(List.of(ClauseVerifier.sourcesOf(Path.of("rules"))))
                .verify(Path.of("rules"));
        assertEquals(List.of(), o.problems());
        assertEquals(List.of(), o.unverified());
        assertTrue(o.verified() > 10, o.toString());
    }

    @Test
    void shouldGiveTheSameExitCodeInCheckAndTestForABrokenFile() {
        Path dir = copy();
        RulesCopy.replace(dir.resolve("agreements/patientmiljarden-2018.yaml"), "family: funding-period",
                "family: funding-periods");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int check = CheckCommand.run(dir, quiet);
        int test = RulesTestCommand.run(dir, null, quiet);
        assertEquals(1, check);
        assertEquals(check, test);
    }

    @Test
    void shouldAskForScenariosOfAnOverrideOfAGenericCondition() throws IOException {
        Path dir = copy();
        Path file = dir.resolve("agreements/cancervard-2023.yaml");
        Files.writeString(file, Files.readString(file) + """

                  - code: FIN-UNSPENT
                    family: unspent
                    source: { kind: inferred, clause: "Provklausul för en egen återbetalningsregel." }
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(1, CheckCommand.run(dir, new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("FIN-UNSPENT is given its own clause here for "
                + "cancervard-2023"), out.toString(StandardCharsets.UTF_8));
    }
}
