package se.bidragskoll.judgement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.bench.LedgerGenerator;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.ledger.LedgerCsvReader;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetLoader;

/**
 * A ledger judged as a stream gives the report the same ledger gives held in memory, while keeping
 * only the lines that findings name. Plain JUnit, no Quarkus.
 */
class StreamedLedgerJudgeTest {

    private static RuleSet rules;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadRules() {
        rules = RuleSetLoader.load(Path.of("rules"));
    }

    @ParameterizedTest(name = "{0} lines")
    @ValueSource(ints = {1_000, 30_000})
    void shouldGiveTheReportOfTheLedgerHeldInMemory(int lines) throws IOException {
        Dossier dossier = LedgerGenerator.dossier(lines);
        Path csv = dir.resolve("ledger.csv");
        LedgerGenerator.writeCsv(dossier, csv);

        Report held = Evaluator.judge(rules, dossier.withLedger(LedgerCsvReader.read(csv, null).lines()),
                LedgerGenerator.AS_OF).swedish();
        Report streamed = Evaluator.judge(rules, dossier.withLedger(null), LedgerCsvReader.source(csv, null),
                LedgerGenerator.AS_OF).swedish();

        assertEquals(held.outcome(), streamed.outcome());
        assertEquals(held.conditions(), streamed.conditions());
        assertEquals(held.findings(), streamed.findings());
        Map<String, Integer> planted = LedgerGenerator.planted(lines);
        assertTrue(planted.get("DATA-LEDGER-DUPLICATE") > 0);
        assertEquals(planted.get("DATA-LEDGER-DUPLICATE"),
                (int) streamed.findings().stream().filter(f -> f.code().equals("DATA-LEDGER-DUPLICATE")).count());
    }

    @Test
    void shouldLoadOnlyTheLinesOfBreachingGroupsAndRepeatedPairs() throws IOException {
        int lines = 30_000;
        Dossier dossier = LedgerGenerator.dossier(lines);
        Path csv = dir.resolve("ledger.csv");
        LedgerGenerator.writeCsv(dossier, csv);
        GrantScope scope = Evaluator.scope(dossier, Evaluator.regionTerms(dossier.region(),
                rules.region(dossier.region()).orElseThrow(), dossier.agreement()));
        AgreementTerms terms = Evaluator.terms(rules, dossier.region(), dossier.agreement(), LedgerGenerator.AS_OF);
        List<Ledger> fired = new ArrayList<>();

        StreamedLedgerJudge.Result result = StreamedLedgerJudge.judge(LedgerCsvReader.source(csv, null), scope, terms,
                ledger -> {
                    fired.add(ledger);
                    // what a rule does with a breaching group: read its lines (here: the lines without objekt)
                    ledger.getGroups().stream().filter(g -> g.object() == null).forEach(g -> g.lines().forEach(l -> { }));
                    return new Verdicts();
                });

        long missingObject = IntStream.rangeClosed(1, lines).filter(r -> r % 5000 == 700).count();
        assertEquals(lines, result.stats().lines());
        assertEquals(missingObject, result.stats().loadedLines(), "only the lines without objekt are loaded");
        assertEquals(LedgerGenerator.planted(lines).get("DATA-LEDGER-DUPLICATE"), result.stats().duplicates());
        assertEquals(2, fired.size());
        assertTrue(fired.get(0).getGroups().stream().allMatch(g -> g.lines() instanceof PendingLines),
                "the first run holds no lines");
        long loaded = fired.get(1).getGroups().stream().filter(g -> !(g.lines() instanceof PendingLines))
                .mapToLong(LedgerGroup::size).sum();
        assertEquals(missingObject, loaded);
        Ledger held = Ledger.of(LedgerCsvReader.read(csv, null).lines(), scope, terms);
        assertEquals(held.getChargedInPeriod(), result.ledger().getChargedInPeriod());
        assertEquals(held.getFirstCharged(), result.ledger().getFirstCharged());
        assertEquals(held.bookedFor("PPHV", LocalDate.of(2018, 9, 30)),
                result.ledger().bookedFor("PPHV", LocalDate.of(2018, 9, 30)));
    }

    @Test
    void shouldNotLetTheSecondRunReadLinesTheFirstDidNot() {
        PendingLines strict = new PendingLines(3, true);
        assertEquals(3, strict.size());
        assertThrows(IllegalStateException.class, strict::iterator);
        PendingLines discovering = new PendingLines(3, false);
        assertFalse(discovering.wanted());
        assertFalse(discovering.iterator().hasNext());
        assertTrue(discovering.wanted());
    }

    @Test
    void shouldFindRepeatedPairsWhenEveryFingerprintCollides() {
        List<LedgerLine> lines = new ArrayList<>();
        for (int row = 1; row <= 2_000; row++) {
            lines.add(line("A " + (row / 3), row % 3, row));
        }
        lines.add(line("A 7", 1, 2_001)); // repeats row 22 (A 7/1)
        try (DuplicateSpill everyoneCollides = new DuplicateSpill(lines.size(), l -> 42L)) {
            lines.forEach(everyoneCollides::add);
            assertEquals(2_001, everyoneCollides.candidateRows().length, "all rows are candidates");
        }
        try (DuplicateSpill spill = new DuplicateSpill(lines.size())) {
            lines.forEach(spill::add);
            assertEquals(List.of(22, 2_001), IntStream.of(spill.candidateRows()).boxed().toList());
        }
    }

    @Test
    void shouldSpreadALargeLedgerOverSpillFilesOfBoundedSize() {
        try (DuplicateSpill small = new DuplicateSpill(1_000);
             DuplicateSpill tenMillion = new DuplicateSpill(10_000_000)) {
            assertEquals(1, small.partitions());
            assertEquals(256, tenMillion.partitions());
            assertTrue(10_000_000 / tenMillion.partitions() <= DuplicateSpill.TARGET_PER_PARTITION);
        }
        try (DuplicateSpill spill = new DuplicateSpill(200_000)) {
            for (int row = 1; row <= 200_000; row++) {
                spill.add(line("B " + row, 1, row));
            }
            assertEquals(4, spill.partitions());
            assertEquals(0, spill.candidateRows().length);
        }
    }

    @Test
    void shouldRejectABadStreamedFileWithoutJudgingIt() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, """
                verifikation;rad;datum;konto;objekt;belopp
                A 1;1;2018-05-02;4011;9916;1 000,00
                A 1;2;2018-05-02;4011;9916;12.345,6x
                """, StandardCharsets.UTF_8);
        Dossier dossier = LedgerGenerator.dossier(0);
        BadInputException e = assertThrows(BadInputException.class, () -> Evaluator.judge(rules, dossier,
                LedgerCsvReader.source(csv, null), LedgerGenerator.AS_OF));
        assertTrue(e.errors().toString().contains("12.345,6x"), e.errors().toString());
    }

    private static LedgerLine line(String voucher, int lineNo, int row) {
        return new LedgerLine(voucher, lineNo, LocalDate.of(2018, 5, 2), "4011", null, null, "9916", "PPHV", "VG-01",
                new BigDecimal("100.00"), null, row);
    }
}
