package se.bidragskoll.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidragskoll.bench.LedgerGenerator;
import se.bidragskoll.judgement.Evaluator;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetLoader;

/**
 * The same ledger exported as CSV and as SIE 4 (each voucher balanced by a row on a balance-sheet
 * account, which is no ledger line) gives the same report: the same result for every condition but
 * the voucher balance (which only whole vouchers can show), the same findings naming the same lines.
 * Held in memory (the API) and streamed (the CLI's {@code judge --ledger}) alike. Plain JUnit.
 */
class SieCsvSameReportTest {

    private static RuleSet rules;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadRules() {
        rules = RuleSetLoader.load(Path.of("rules"));
    }

    @Test
    void shouldJudgeTheSameLedgerAsCsvAndAsSieAlike() throws IOException {
        Dossier generated = LedgerGenerator.dossier(12_000);
        // a repeated (voucher, line) pair cannot be written in SIE, whose rows are numbered by their place
        List<LedgerLine> lines = generated.ledger().stream()
                .filter(l -> l.row() % 7000 != 450 && l.row() % 21000 != 451).toList();
        Dossier dossier = generated.withLedger(lines);
        Path csv = dir.resolve("ledger.csv");
        Path sie = dir.resolve("ledger.se");
        LedgerGenerator.writeCsv(dossier, csv);
        LedgerGenerator.writeSie(lines, sie, true);

        ParsedLedger fromCsv = LedgerFiles.read(csv, null, "text/csv");
        ParsedLedger fromSie = LedgerFiles.read(sie, null, null);
        assertEquals(ParsedLedger.SIE, fromSie.kind());
        assertEquals(fromCsv.lines().size(), fromSie.lines().size());
        Report csvReport = Evaluator.judge(rules, dossier.withLedger(fromCsv.lines(), fromCsv.vouchers()),
                LedgerGenerator.AS_OF).swedish();
        Report sieReport = Evaluator.judge(rules, dossier.withLedger(fromSie.lines(), fromSie.vouchers()),
                LedgerGenerator.AS_OF).swedish();
        Report sieStreamed = Evaluator.judge(rules, dossier.withLedger(null, null), LedgerFiles.source(sie, null, null),
                LedgerGenerator.AS_OF).swedish();

        assertEquals(csvReport.outcome(), sieReport.outcome());
        assertEquals(results(csvReport), results(sieReport));
        assertEquals(findings(csvReport), findings(sieReport));
        assertEquals(sieReport.conditions(), sieStreamed.conditions());
        assertEquals(findings(sieReport), findings(sieStreamed));
        assertEquals(Report.Result.NOT_APPLICABLE, result(csvReport, "DATA-LEDGER-VOUCHER-BALANCE"));
        assertEquals(Report.Result.PASS, result(sieReport, "DATA-LEDGER-VOUCHER-BALANCE"));

        Map<String, Integer> planted = LedgerGenerator.planted(12_000);
        for (String code : List.of("REG-COST-OBJECT", "PM-FUNDING-PERIOD", "DATA-LEDGER-REQUIRED-FIELDS")) {
            assertTrue(planted.get(code) > 0, code);
            assertEquals(planted.get(code), (int) sieReport.findings().stream().filter(f -> f.code().equals(code)).count(),
                    code);
        }
    }

    private static Report.Result result(Report report, String code) {
        return report.conditions().stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow().result();
    }

    /** Every condition's code, result, findings and detail, but the voucher balance's. */
    private static List<String> results(Report report) {
        return report.conditions().stream().filter(c -> !c.code().equals("DATA-LEDGER-VOUCHER-BALANCE"))
                .map(c -> c.code() + " " + c.result() + " " + c.findings() + " " + c.detail() + " " + c.missing())
                .toList();
    }

    /**
     * Every finding as it reads, with the lines it names, but not the lines' places in the file (a
     * CSV row and an SIE line are different places).
     */
    private static List<String> findings(Report report) {
        return report.findings().stream()
                .map(f -> f.id() + " " + f.code() + " " + f.severity() + " " + f.amount() + " " + f.fingerprint() + " "
                        + f.facts().stream().map(x -> x.type() + ":" + x.ref()).toList() + " "
                        + f.message().replaceAll("(Huvudboksrad|rad|Ledger line|row|line) \\d+", "$1 N"))
                .toList();
    }
}
