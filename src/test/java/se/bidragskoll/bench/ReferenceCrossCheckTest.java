package se.bidragskoll.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.judgement.Evaluator;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetLoader;

/**
 * The rules and a plain Java reading of the same ledger conditions agree line for line on generated
 * ledgers, and both find exactly the breaches the generator planted. Plain JUnit, no Quarkus.
 */
class ReferenceCrossCheckTest {

    private static RuleSet rules;

    @BeforeAll
    static void loadRules() {
        rules = RuleSetLoader.load(Path.of("rules"));
    }

    private static ReferenceJudge reference() {
        return new ReferenceJudge(LedgerGenerator.PERIOD_START, LedgerGenerator.PERIOD_END,
                LedgerGenerator.COST_OBJECT);
    }

    @ParameterizedTest(name = "{0} lines")
    @ValueSource(ints = {1_000, 20_000})
    void shouldFindTheSameLedgerFindingsAsTheRules(int lines) {
        Dossier dossier = LedgerGenerator.dossier(lines);
        Report report = Evaluator.judge(rules, dossier, LedgerGenerator.AS_OF).swedish();
        Map<String, List<ReferenceJudge.Finding>> byRules = ReferenceJudge.fromReport(report);
        Map<String, List<ReferenceJudge.Finding>> byReference = reference().judge(dossier);
        for (String code : ReferenceJudge.CODES) {
            assertEquals(byRules.get(code), byReference.get(code), code + " on " + lines + " lines");
        }
        // one of the two grant-total conditions always speaks: the generated grant is never spent exactly
        assertEquals(1, byRules.get("FIN-UNSPENT").size() + byRules.get("FIN-OVERSPEND").size());
    }

    @ParameterizedTest(name = "{0} lines")
    @ValueSource(ints = {1_000, 20_000})
    void shouldFindExactlyTheBreachesThatWerePlanted(int lines) {
        Dossier dossier = LedgerGenerator.dossier(lines);
        Report report = Evaluator.judge(rules, dossier, LedgerGenerator.AS_OF).swedish();
        Map<String, Integer> planted = LedgerGenerator.planted(lines);
        Map<String, Integer> byRules = ReferenceJudge.counts(ReferenceJudge.fromReport(report));
        Map<String, Integer> byReference = ReferenceJudge.counts(reference().judge(dossier));
        for (String code : LedgerGenerator.PLANTED_CODES) {
            assertEquals(planted.get(code), byRules.get(code), "rules, " + code + " on " + lines + " lines");
            assertEquals(planted.get(code), byReference.get(code), "reference, " + code + " on " + lines + " lines");
        }
        assertTrue(LedgerGenerator.PLANTED_CODES.stream().allMatch(c -> planted.get(c) > 0),
                "every kind of breach is planted: " + planted);
    }

    @ParameterizedTest(name = "{0} lines")
    @ValueSource(ints = {1_000, 20_000})
    void shouldGenerateTheSameLedgerEveryTime(int lines) {
        assertEquals(LedgerGenerator.dossier(lines).ledger(), LedgerGenerator.dossier(lines).ledger());
        assertEquals(LedgerGenerator.dossier(lines).ledger(), LedgerGenerator.dossier(2 * lines).ledger().subList(0, lines));
    }
}
