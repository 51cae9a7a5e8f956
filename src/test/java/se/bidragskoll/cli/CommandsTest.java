package se.bidragskoll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidragskoll.RulesCopy;

/** The rule authors' commands as CI runs them. */
class CommandsTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private int run(String... args) {
        return Commands.run(args, out, out);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPassCheckOnTheLandedRules() {
        assertEquals(0, run("check", "rules"), printed());
    }

    /** The texts travel with the rules: check verifies every quoted clause against rules/sources with no argument. */
    @Test
    void shouldRefuseAQuotedClauseThatIsNotTheWordsOfItsTextWithNoFolderGiven() {
        Path rules = RulesCopy.of(tmp.resolve("rules"));
        RulesCopy.replace(rules.resolve("regions/23-jamtland-harjedalen.yaml"),
                "clause: \"Kostnader för aktiviteter inom denna satsning ska registreras till objekt 9916.\"",
                "clause: \"Kostnader för aktiviteter inom denna satsning ska registreras till objekt 9917.\"");
        assertEquals(1, run("check", rules.toString()), printed());
        assertTrue(printed().contains(rules.resolve("regions/23-jamtland-harjedalen.yaml") + ":31:"), printed());
        assertTrue(printed().contains("clause is not the words of seed 001"), printed());
    }

    @Test
    void shouldNameFileAndLineOfASyntaxErrorInARuleBody() {
        Path rules = RulesCopy.of(tmp.resolve("rules"));
        RulesCopy.replace(rules.resolve("families/exit-plan.drl"), "permanent == true, !hasExitPlan() )",
                "permanent == true,, !hasExitPlan() )");
        assertEquals(1, run("check", rules.toString()));
        assertTrue(printed().matches("(?s).*" + java.util.regex.Pattern.quote(rules.resolve("families/exit-plan.drl").toString())
                + ":[1-9][0-9]*:[0-9]+: .*"), printed());
        assertTrue(!printed().contains("Exception"), "no stack trace: " + printed());
    }

    @Test
    void shouldFailCheckOnAMissingParameterAScenarioWithAnUnknownCodeAndAnUnknownYamlKey() {
        Path rules = RulesCopy.of(tmp.resolve("rules"));
        RulesCopy.replace(rules.resolve("agreements/patientmiljarden-2018.yaml"), "due: 2018-04-16, ", "");
        RulesCopy.replace(rules.resolve("agreements/patientmiljarden-2018/action-plan-deadline.test.yaml"), "PM-ACTION-PLAN-DEADLINE: PASS",
                "PM-ACTION-PLAN-DEADLYNE: PASS");
        RulesCopy.replace(rules.resolve("regions/19-vastmanland.yaml"), "name: Region Västmanland",
                "name: Region Västmanland\ncolour: blue");
        assertEquals(1, run("check", rules.toString()));
        assertTrue(printed().contains("agreements/patientmiljarden-2018.yaml:"), printed());
        assertTrue(printed().contains("PM-ACTION-PLAN-DEADLINE (family event-deadline) needs parameter 'due'"), printed());
        assertTrue(printed().contains("unknown condition code PM-ACTION-PLAN-DEADLYNE"), printed());
        assertTrue(printed().contains("regions/19-vastmanland.yaml:"), printed());
    }

    @Test
    void shouldRunTheScenariosAndWriteJunitAndSarif() throws IOException {
        Path report = tmp.resolve("report");
        assertEquals(0, run("test", "rules", "--report", report.toString()), printed());
        assertTrue(printed().contains("  PASS  En handlingsplan inlämnad 2018-04-13 kom in i tid"));
        assertTrue(printed().contains("Coverage per condition"));
        String junit = Files.readString(report.resolve("junit.xml"));
        assertTrue(junit.contains("<testsuites name=\"rules\"") && junit.contains("failures=\"0\""), junit);
        String sarif = Files.readString(report.resolve("rules.sarif"));
        assertTrue(sarif.contains("\"version\" : \"2.1.0\"") && sarif.contains("\"results\" : [ ]"), sarif);
    }

    @Test
    void shouldFailTestAndReportTheScenarioWhenARuleChangesItsResult() throws IOException {
        Path rules = RulesCopy.of(tmp.resolve("rules"));
        RulesCopy.replace(rules.resolve("agreements/patientmiljarden-2018.yaml"), "due: 2018-04-16", "due: 2018-04-12");
        Path report = tmp.resolve("report");
        assertEquals(1, run("test", rules.toString(), "--report", report.toString()));
        assertTrue(printed().contains("FAIL  En handlingsplan inlämnad 2018-04-13 kom in i tid"), printed());
        assertTrue(printed().contains("PM-ACTION-PLAN-DEADLINE: expected PASS, got FAIL"), printed());
        assertTrue(Files.readString(report.resolve("rules.sarif")).contains("scenario-failed"));
        assertTrue(Files.readString(report.resolve("junit.xml")).contains("<failure"));
    }

    @Test
    void shouldFailTestWhenCoverageFallsBelowTheThreshold() {
        Path rules = RulesCopy.of(tmp.resolve("rules"));
        RulesCopy.replace(rules.resolve("coverage.yaml"), "require: [PASS, FAIL]", "require: [PASS, FAIL, NOT_YET_DUE]");
        assertEquals(1, run("test", rules.toString()));
        assertTrue(printed().contains("MISSING NOT_YET_DUE"), printed());
    }

    @Test
    void shouldJudgeADossierWithALedgerFileAndWriteTheReport() throws IOException {
        Path dossier = tmp.resolve("dossier.json");
        Path ledger = tmp.resolve("ledger.csv");
        Path report = tmp.resolve("report.json");
        int lines = 12_000;
        Files.writeString(dossier, se.bidragskoll.bench.LedgerGenerator.dossierJson());
        se.bidragskoll.bench.LedgerGenerator.writeCsv(lines, ledger);

        assertEquals(1, run("judge", "--dossier", dossier.toString(), "--ledger", ledger.toString(),
                "--report", report.toString()), printed());
        assertTrue(printed().contains("NON_COMPLIANT"), printed());
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(report.toFile());
        assertEquals("NON_COMPLIANT", json.path("outcome").asText());
        int duplicates = 0;
        for (com.fasterxml.jackson.databind.JsonNode finding : json.path("findings")) {
            if (finding.path("code").asText().equals("DATA-LEDGER-DUPLICATE")) {
                duplicates++;
                assertEquals("ledger", finding.path("facts").path(0).path("type").asText());
            }
        }
        assertEquals(se.bidragskoll.bench.LedgerGenerator.planted(lines).get("DATA-LEDGER-DUPLICATE"), duplicates);
    }

    @Test
    void shouldJudgeADossierWithAnSieLedgerFileToldByItsContent() throws IOException {
        Path dossier = tmp.resolve("dossier.json");
        Path ledger = tmp.resolve("huvudbok.se");
        Path report = tmp.resolve("report.json");
        int lines = 3_000;
        Files.writeString(dossier, se.bidragskoll.bench.LedgerGenerator.dossierJson());
        se.bidragskoll.bench.LedgerGenerator.writeSie(lines, ledger, true);

        assertEquals(1, run("judge", "--dossier", dossier.toString(), "--ledger", ledger.toString(),
                "--report", report.toString()), printed());
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(report.toFile());
        assertEquals("NON_COMPLIANT", json.path("outcome").asText());
        int wrongObject = 0;
        for (com.fasterxml.jackson.databind.JsonNode finding : json.path("findings")) {
            if (finding.path("code").asText().equals("REG-COST-OBJECT")) {
                wrongObject++;
            }
        }
        assertEquals(se.bidragskoll.bench.LedgerGenerator.planted(lines).get("REG-COST-OBJECT"), wrongObject);
        for (com.fasterxml.jackson.databind.JsonNode c : json.path("conditions")) {
            if (c.path("code").asText().equals("DATA-LEDGER-VOUCHER-BALANCE")) {
                assertEquals("PASS", c.path("result").asText(), "the generated vouchers balance");
            }
        }

        Files.writeString(ledger, "#FLAGGA 0\n#SIETYP 4\n#DIM 20 \"Objekt\"\n#VER A 1 20180502\n{\n"
                + "#TRANS 4011 {20 \"9916\"} 12,5\n}\n");
        Files.delete(report);
        assertEquals(2, run("judge", "--dossier", dossier.toString(), "--ledger", ledger.toString(),
                "--report", report.toString()), printed());
        assertTrue(printed().contains("rad 6: #TRANS belopp: \"12,5\" är inget belopp"), printed());
        assertTrue(!Files.exists(report));
    }

    @Test
    void shouldRejectABadLedgerFileWithItsLineAndColumnAndNoReport() throws IOException {
        Path dossier = tmp.resolve("dossier.json");
        Path ledger = tmp.resolve("ledger.csv");
        Path report = tmp.resolve("report.json");
        Files.writeString(dossier, "{\"region\": \"23\", \"agreement\": \"patientmiljarden-2018\", \"asOf\": \"2019-04-30\"}");
        Files.writeString(ledger, "verifikation;rad;datum;konto;objekt;belopp\nA 1;1;2018-05-02;4011;9916;12.345,6x\n");
        assertEquals(2, run("judge", "--dossier", dossier.toString(), "--ledger", ledger.toString(),
                "--report", report.toString()), printed());
        assertTrue(printed().contains("rad 2, kolumn belopp: \"12.345,6x\" är inget belopp"), printed());
        assertTrue(!printed().contains("kolumn belopp: rad 2"), "the place is said once: " + printed());
        assertTrue(!Files.exists(report));
    }

    @Test
    void shouldPrintEachCommandsHelpWithItsExitCodesWithoutRunningIt() {
        assertEquals(0, run("test", "--help"), printed());
        assertTrue(printed().contains("Usage:") && printed().contains("--report"), printed());
        assertTrue(printed().contains("Exit codes:"), printed());
        assertTrue(!printed().contains("PASS  "), "the scenarios ran: " + printed());
        for (String command : new String[]{"check", "replay", "catalogue", "judge"}) {
            assertEquals(0, run(command, "--help"), command);
        }
        assertEquals(0, run("--help"));
        assertTrue(printed().contains("judge") && printed().contains("Without a command the service starts"), printed());
    }

    @Test
    void shouldRefuseAnUnknownOptionAndAnUnknownCommandWithExitTwo() {
        assertEquals(2, run("check", "--bogus"), printed());
        assertTrue(printed().contains("Unknown option: '--bogus'"), printed());
        assertEquals(2, run("chekc"), printed());
        assertEquals(2, run("judge", "--dossier", "d.json"), printed());
        assertTrue(printed().contains("d.json: no such file"), printed());
        printed.reset();
        assertEquals(2, run("judge", "--bogus"), printed());
        assertTrue(printed().contains("Unknown option: '--bogus'"), "the unknown option named: " + printed());
        printed.reset();
        assertEquals(2, run("judge"), printed());
        assertTrue(printed().contains("--dossier"), printed());
    }

    @Test
    void shouldJudgeADossierWithItsOwnLedgerWithoutALedgerFile() throws IOException {
        Path dossier = tmp.resolve("dossier.json");
        Path report = tmp.resolve("report.json");
        Files.writeString(dossier, se.bidragskoll.Fixtures.read(se.bidragskoll.Fixtures.JAMTLAND));
        assertEquals(1, run("judge", "--dossier", dossier.toString(), "--report", report.toString()), printed());
        assertTrue(printed().startsWith(dossier + ": NON_COMPLIANT"), printed());
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(report.toFile());
        assertTrue(json.path("findings").toString().contains("\"ledger\""), "the dossier's ledger lines judged: " + json);
    }

    @Test
    void shouldSayWhereAndWhatIsWrongInBrokenJsonWithoutJacksonsWords() throws IOException {
        Path dossier = tmp.resolve("dossier.json");
        Files.writeString(dossier, "{\n  \"region\": \"23\",\n  \"agreement\" \"patientmiljarden-2018\"\n}\n");
        assertEquals(2, run("judge", "--dossier", dossier.toString()), printed());
        assertTrue(printed().startsWith(dossier + ":3:"), "FILE:LINE:COL: " + printed());
        assertTrue(printed().contains("Ogiltig JSON"), printed());
        assertTrue(!printed().contains("Unexpected character") && !printed().contains("JsonReadFeature")
                && !printed().contains("Source:"), printed());
        printed.reset();
        Files.writeString(dossier, "{\"region\": \"23\", \"agreement\": \"patientmiljarden-2018\", \"asOf\": \"30/6\"}");
        assertEquals(2, run("judge", "--dossier", dossier.toString(), "--lang", "en"), printed());
        assertTrue(printed().contains(":1:") && printed().contains("asOf") && printed().contains("cannot be read as"), printed());
    }

    @Test
    void shouldCountFindingsAndErrorsInTheRightNumber() {
        assertEquals("1 error", JudgeCommand.count(1, "error", "errors"));
        assertEquals("0 errors", JudgeCommand.count(0, "error", "errors"));
        assertEquals("2 findings", JudgeCommand.count(2, "finding", "findings"));
    }

    @Test
    void shouldExitTwoWithoutAStackTraceWhenAFileOrFolderIsMissing() throws IOException {
        Path ledger = tmp.resolve("ledger.csv");
        Files.writeString(ledger, "verifikation;rad;datum;konto;objekt;belopp\n");
        assertEquals(2, run("judge", "--dossier", tmp.resolve("saknas.json").toString(), "--ledger", ledger.toString()),
                printed());
        assertTrue(printed().contains("saknas.json: no such file"), printed());
        assertEquals(2, run("check", tmp.resolve("no-rules").toString()), printed());
        assertTrue(printed().contains("no such folder"), printed());
        assertTrue(!printed().contains("Exception") && !printed().contains("\tat "), printed());
    }

    @Test
    void shouldExitNonZeroReplayingABrokenRulesFolderOrAnUnreachableDatabase() {
        Path rules = RulesCopy.of(tmp.resolve("rules"));
        RulesCopy.replace(rules.resolve("families/exit-plan.drl"), "permanent == true, !hasExitPlan() )",
                "permanent == true,, !hasExitPlan() )");
        assertEquals(2, run("replay", rules.toString(), "--against", "jdbc:h2:mem:replay-broken",
                "--json", tmp.resolve("replay.json").toString()), printed());
        assertTrue(printed().contains("do not load"), printed());
        assertEquals(3, run("replay", "rules", "--against", "jdbc:nothing:here",
                "--json", tmp.resolve("replay.json").toString()), printed());
    }

    @Test
    void shouldShowTheLedgerPassAndLinesOnTheProgressLine() {
        assertEquals("\rledger pass 1: 1 200 000 lines, 4 s", JudgeCommand.Progress.line(1, 1_200_000, -1, 4));
        assertEquals("\rledger pass 2: 1 200 000 of 3 000 000 lines (40 %), 2 s",
                JudgeCommand.Progress.line(2, 1_200_000, 3_000_000, 2));
    }
}
