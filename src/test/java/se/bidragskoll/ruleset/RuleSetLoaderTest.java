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
        assertTrue(rules.conditions().size() >= 20, rules.conditions().keySet().toString());
        assertEquals(RuleSetLoader.load(Path.of("rules")).version(), rules.version());
    }

    @Test
    void shouldNameFileAndLineOfASyntaxErrorInARuleBody() throws IOException {
        copyRules();
        Path drl = copy.resolve("families/cost-object.drl");
        String text = Files.readString(drl).replace("hasAmount, date != null )", "hasAmount, date != null ))) (");
        Files.writeString(drl, text);
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(copy));
        assertTrue(e.problems().stream().anyMatch(p -> p.file().equals("families/cost-object.drl") && p.line() > 1),
                e.getMessage());
    }

    @Test
    void shouldPlaceAnExpressionMvelCannotAnalyseAtItsLineAndColumn() throws IOException {
        copyRules();
        // `lines` here is read on PlanYear, which has none: Drools reports it without a line of its own
        replace("families/plan-stated-totals.drl", "diff > rounding($y) )", "diff > $y.rounding(lines) )");
        assertProblem("families/plan-stated-totals.drl", "Unable to Analyse Expression", "$y.rounding(lines)",
                columnOf("families/plan-stated-totals.drl", "rounding(lines)"));
    }

    @Test
    void shouldNameAnUnknownFactType() throws IOException {
        copyRules();
        Path drl = copy.resolve("families/exit-plan.drl");
        Files.writeString(drl, Files.readString(drl).replace("$m : Measure(", "$m : Massure("));
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(copy));
        assertTrue(e.problems().stream().anyMatch(p -> p.file().equals("families/exit-plan.drl")), e.getMessage());
    }

    @Test
    void shouldRefuseARuleWithoutFamily() throws IOException {
        copyRules();
        Path drl = copy.resolve("families/exit-plan.drl");
        Files.writeString(drl, Files.readString(drl).replace("@family(exit-plan) @part(no-exit-plan)", ""));
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(copy));
        assertTrue(e.getMessage().contains("has no @family"), e.getMessage());
    }

    @Test
    void shouldRefuseAConditionWithoutItsClauseAtItsLine() throws IOException {
        copyRules();
        Path yaml = copy.resolve("regions/19-vastmanland.yaml");
        String clause = "clause: \"Styrgruppen för statsbidrag […] analyserar villkoren för överenskommelserna och "
                + "bereder respektive ärende inför beslut\"";
        String text = Files.readString(yaml);
        assertTrue(text.contains(clause), "region 19's steering-group clause");
        Files.writeString(yaml, text.replace(clause, "clause: \"\""));
        assertProblem("regions/19-vastmanland.yaml", "REG-STEERING-ANALYSIS cites no clause", "clause: \"\"", 7);
    }

    @Test
    void shouldNameAnUnknownFamilyAtItsLineAndColumn() throws IOException {
        copyRules();
        replace("agreements/patientmiljarden-2018.yaml", "family: funding-period", "family: funding-periods");
        assertProblem("agreements/patientmiljarden-2018.yaml", "unknown family 'funding-periods'",
                "family: funding-periods", 5);
    }

    @Test
    void shouldNameAMissingParameter() throws IOException {
        copyRules();
        replace("agreements/patientmiljarden-2018.yaml", "params: { from: 2018-01-01, to: 2018-12-31 }",
                "params: { from: 2018-01-01 }");
        assertProblem("agreements/patientmiljarden-2018.yaml", "needs parameter 'to'", "params: { from: 2018-01-01 }", 5);
    }

    @Test
    void shouldNameAMistypedParameterAtItsValue() throws IOException {
        copyRules();
        replace("agreements/patientmiljarden-2018.yaml", "due: 2018-04-16", "due: 16 april");
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(copy));
        RuleProblem p = e.problems().stream().filter(x -> x.message().contains("'due' must be a date")).findFirst()
                .orElseThrow(() -> new AssertionError(e.getMessage()));
        assertEquals("agreements/patientmiljarden-2018.yaml", p.file());
        assertEquals(lineOf("agreements/patientmiljarden-2018.yaml", "due: 16 april"), p.line());
        assertEquals(columnOf("agreements/patientmiljarden-2018.yaml", "due: 16 april"), p.column());
    }

    @Test
    void shouldNameAParameterTheFamilyDoesNotHave() throws IOException {
        copyRules();
        replace("agreements/patientmiljarden-2018.yaml", "params: { from: 2018-01-01, to: 2018-12-31 }",
                "params: { from: 2018-01-01, to: 2018-12-31, until: 2019-01-31 }");
        int line = lineOf("agreements/patientmiljarden-2018.yaml", "until: 2019-01-31");
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(copy));
        assertTrue(e.problems().stream().anyMatch(p -> p.message().contains("has no parameter 'until'")
                && p.line() == line), e.getMessage());
    }

    @Test
    void shouldNameADuplicateCode() throws IOException {
        copyRules();
        replace("agreements/patientmiljarden-2018.yaml", "code: PM-FUNDING-PERIOD", "code: PM-ACTION-PLAN-AREAS");
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(copy));
        assertTrue(e.problems().stream().anyMatch(p -> p.message().contains("PM-ACTION-PLAN-AREAS is listed twice")
                && p.line() > 1), e.getMessage());
    }

    @Test
    void shouldRefuseARegionalConditionInAnAgreementFile() throws IOException {
        copyRules();
        Path yaml = copy.resolve("agreements/patientmiljarden-2018.yaml");
        Files.writeString(yaml, Files.readString(yaml) + """

                  - code: PM-EXIT-PLAN
                    family: exit-plan
                    source: { clause: "Om permanent verksamhet finansieras …" }
                """);
        assertProblem("agreements/patientmiljarden-2018.yaml", "belongs in a region file", "family: exit-plan", 5);
    }

    @Test
    void shouldRefuseAnAgreementFamilyInARegionFile() throws IOException {
        copyRules();
        replace("regions/19-vastmanland.yaml", "family: steering-analysis", "family: funding-period");
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(copy));
        assertTrue(e.getMessage().contains("belongs in an agreement file"), e.getMessage());
    }

    @Test
    void shouldNameTheLineOfAWrongTypeInARegionFile() throws IOException {
        copyRules();
        replace("regions/23-jamtland-harjedalen.yaml", "category: 2", "category: [två]");
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(copy));
        assertTrue(e.problems().stream().anyMatch(p -> p.file().equals("regions/23-jamtland-harjedalen.yaml")
                && p.line() > 1), e.getMessage());
    }

    @Test
    void shouldReadARegionsSieDimensionsAndNameAWrongOne() throws IOException {
        copyRules();
        replace("regions/23-jamtland-harjedalen.yaml", "name: Region Jämtland Härjedalen\n",
                "name: Region Jämtland Härjedalen\nledger:\n  sie:\n    dimensions: { objekt: 20, åtgärd: 22 }\n");
        RegionDef.LedgerFormat format = RuleSetLoader.load(copy).ledgerFormat("23");
        assertEquals(java.util.Map.of("objekt", 20, "åtgärd", 22), format.sie().dimensions());

        replace("regions/23-jamtland-harjedalen.yaml", "{ objekt: 20, åtgärd: 22 }", "{ objekt: 20, konto: 3, enhet: 0 }");
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(copy));
        assertTrue(e.getMessage().contains("'konto' is no ledger field a dimension carries"), e.getMessage());
        assertTrue(e.getMessage().contains("a dimension number is 1 to 9999, not 0"), e.getMessage());
        assertTrue(e.problems().stream().allMatch(p -> p.line() == 11), e.problems().toString());
    }

    @Test
    void shouldChangeTheVersionWhenAParameterChanges() throws IOException {
        copyRules();
        String before = RuleSetLoader.load(copy).version();
        replace("agreements/patientmiljarden-2018.yaml", "due: 2018-04-16", "due: 2018-04-30");
        assertNotEquals(before, RuleSetLoader.load(copy).version());
    }

    @Test
    void shouldUseTheVersionOfADatedParameterInForceOnAsOf() throws IOException {
        copyRules();
        replace("agreements/patientmiljarden-2018.yaml", "due: 2018-04-16,",
                "due: [ { value: 2018-04-16 }, { value: 2018-05-02, validFrom: 2018-04-01, source: \"tillägg\" } ],");
        RuleSet rules = RuleSetLoader.load(copy);
        assertEquals(java.time.LocalDate.of(2018, 4, 16), se.bidragskoll.judgement.Evaluator
                .terms(rules, "23", "patientmiljarden-2018", java.time.LocalDate.of(2018, 3, 31)).actionPlanDeadline());
        assertEquals(java.time.LocalDate.of(2018, 5, 2), se.bidragskoll.judgement.Evaluator
                .terms(rules, "23", "patientmiljarden-2018", java.time.LocalDate.of(2018, 4, 1)).actionPlanDeadline());
    }

    private void replace(String file, String from, String to) throws IOException {
        Path p = copy.resolve(file);
        String text = Files.readString(p);
        assertTrue(text.contains(from), file + " has no '" + from + "'");
        Files.writeString(p, text.replace(from, to));
    }

    /** The load fails with a problem in {@code file} whose message has {@code words}, at the line of {@code at}. */
    private void assertProblem(String file, String words, String at, int column) throws IOException {
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(copy));
        RuleProblem p = e.problems().stream().filter(x -> x.file().equals(file) && x.message().contains(words))
                .findFirst().orElseThrow(() -> new AssertionError(e.getMessage()));
        assertEquals(lineOf(file, at), p.line(), p.toString());
        assertEquals(column, p.column(), p.toString());
    }

    private int lineOf(String file, String needle) throws IOException {
        String text = Files.readString(copy.resolve(file));
        int at = text.indexOf(needle);
        assertTrue(at >= 0, needle);
        return 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
    }

    private int columnOf(String file, String needle) throws IOException {
        String text = Files.readString(copy.resolve(file));
        int at = text.indexOf(needle);
        return at - text.lastIndexOf('\n', at);
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
