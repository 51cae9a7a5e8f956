package se.bidragskoll.judgement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bidragskoll.RulesCopy;
import se.bidragskoll.api.DossierJson;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetLoader;

/**
 * The unspent family's repayment terms (AGREEMENTS.md: optional repayBy and recipient), which no
 * landed agreement states: a copy of the rules with a test agreement whose text sets a repayment date.
 * Money left after the period with no repayment by the date is the finding; a repayment in time, or
 * nothing to repay, is none; before the date it is not yet due.
 */
class UnspentRepaymentTest {

    static RuleSet rules;

    @BeforeAll
    static void rulesWithARepaymentDate() throws IOException {
        Path dir = RulesCopy.of(Path.of("target/rules-unspent-repayment"));
        Files.writeString(dir.resolve("agreements/test-aterbetalning.yaml"), """
                id: test-aterbetalning
                title: { sv: Provöverenskommelse med återbetalning, en: Test agreement with repayment }
                source: { document: "Provöverenskommelse (endast test)", kind: agreement-text }
                validFrom: 2018-01-01
                period: { from: 2018-01-01, to: 2018-12-31 }
                conditions:
                  - code: TA-FUNDING-PERIOD
                    family: funding-period
                    params: { from: 2018-01-01, to: 2018-12-31 }
                    source: { clause: "Medlen avser 2018." }
                  - code: FIN-UNSPENT
                    family: unspent
                    params: { repayBy: 2019-06-30, recipient: Kammarkollegiet }
                    source: { clause: "Medel som inte använts ska återbetalas till Kammarkollegiet senast den 30 juni 2019." }
                """);
        rules = RuleSetLoader.load(dir);
    }

    static Report judge(String asOf, String events, String spent) throws IOException {
        String json = """
                { "region": "19", "agreement": "test-aterbetalning", "asOf": "%s",
                  "grant": { "grantedAmount": 1000000.00, "costObject": "9916" },
                  "ledger": [ { "voucher": "A 1", "line": 1, "date": "2018-05-31", "account": "4011",
                                "object": "9916", "amount": %s } ],
                  "events": [ %s ] }
                """.formatted(asOf, spent, events);
        Dossier d = DossierJson.mapper().readValue(json, Dossier.class);
        return Evaluator.judge(rules, d, LocalDate.parse(asOf)).swedish();
    }

    static Report.ConditionResult unspent(Report r) {
        return r.conditions().stream().filter(c -> c.code().equals("FIN-UNSPENT")).findFirst().orElseThrow();
    }

    @Test
    void shouldFindMoneyNotRepaidByTheDate() throws IOException {
        Report r = judge("2019-07-01", "", "600000.00");
        assertEquals(Report.Result.FAIL, unspent(r).result());
        Report.Finding f = r.findings().stream().filter(x -> x.code().equals("FIN-UNSPENT")).findFirst().orElseThrow();
        assertEquals(0, new BigDecimal("400000.00").compareTo(f.amount()));
        assertTrue(f.message().contains("ingen återbetalning till Kammarkollegiet finns registrerad senast 2019-06-30"),
                f.message());
        assertTrue(f.source().clause().contains("senast den 30 juni 2019"), f.source().clause());
    }

    @Test
    void shouldPassARepaymentMadeOnTheLastDay() throws IOException {
        Report r = judge("2019-07-01",
                "{ \"kind\": \"repayment-made\", \"date\": \"2019-06-30\", \"recipient\": \"Kammarkollegiet\" }",
                "600000.00");
        assertEquals(Report.Result.PASS, unspent(r).result());
    }

    @Test
    void shouldFindARepaymentADayLateOrToSomeoneElse() throws IOException {
        assertEquals(Report.Result.FAIL, unspent(judge("2019-07-02",
                "{ \"kind\": \"repayment-made\", \"date\": \"2019-07-01\", \"recipient\": \"Kammarkollegiet\" }",
                "600000.00")).result());
        assertEquals(Report.Result.FAIL, unspent(judge("2019-07-02",
                "{ \"kind\": \"repayment-made\", \"date\": \"2019-06-01\", \"recipient\": \"SKR\" }",
                "600000.00")).result());
    }

    @Test
    void shouldNotBeDueBeforeTheRepaymentDate() throws IOException {
        Report.ConditionResult c = unspent(judge("2019-06-30", "", "600000.00"));
        assertEquals(Report.Result.NOT_YET_DUE, c.result());
        assertEquals(LocalDate.of(2019, 6, 30), c.dueOn());
    }

    @Test
    void shouldFindNothingWhenNothingIsLeftToRepay() throws IOException {
        assertEquals(Report.Result.PASS, unspent(judge("2019-07-01", "", "1000000.00")).result());
    }

    @Test
    void shouldNotAssessWithoutTheLedger() throws IOException {
        String json = """
                { "region": "19", "agreement": "test-aterbetalning", "asOf": "2019-07-01",
                  "grant": { "grantedAmount": 1000000.00, "costObject": "9916" } }
                """;
        Dossier d = DossierJson.mapper().readValue(json, Dossier.class);
        Report r = Evaluator.judge(rules, d, LocalDate.of(2019, 7, 1)).swedish();
        assertEquals(Report.Result.CANNOT_ASSESS, unspent(r).result());
        assertTrue(unspent(r).missing().contains("ledger"), unspent(r).missing().toString());
    }
}
