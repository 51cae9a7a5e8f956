package se.bidragskoll.judgement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bidragskoll.RulesCopy;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.model.Indicator;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetLoader;

/**
 * The performance-threshold family's upper bound, which no landed agreement uses yet: a copy of the
 * rules with one agreement whose requirement is a highest value (waiting days in Region Västmanland).
 */
class PerformanceThresholdTest {

    static RuleSet rules;

    @BeforeAll
    static void rulesWithAnUpperBound() throws IOException {
        Path dir = RulesCopy.of(Path.of("target/rules-performance-threshold"));
        Files.writeString(dir.resolve("agreements/test-vantedagar.yaml"), """
                id: test-vantedagar
                title: { sv: Provöverenskommelse om väntedagar, en: Test agreement on waiting days }
                source: { document: "Provöverenskommelse (endast test)", kind: inferred }
                validFrom: 2023-01-01
                conditions:
                  - code: TV-MAX-DAYS
                    family: performance-threshold
                    params: { indicator: vantedagar-median, title: Median väntetid (dagar), max: 30, period: "2023-11" }
                    source: { clause: "Medianväntetiden får vara högst 30 dagar." }
                """);
        rules = RuleSetLoader.load(dir);
    }

    static Report judge(List<Indicator> indicators) {
        Dossier d = new Dossier("19", "test-vantedagar", LocalDate.of(2023, 12, 31), null, null, null, null, null,
                null, null, null, indicators);
        return Evaluator.judge(rules, d, LocalDate.of(2023, 12, 31)).swedish();
    }

    static Report.ConditionResult result(Report r) {
        return r.conditions().stream().filter(c -> c.code().equals("TV-MAX-DAYS")).findFirst().orElseThrow();
    }

    @Test
    void shouldFailAValueAboveTheHighestAndNameIt() {
        Report r = judge(List.of(new Indicator("vantedagar-median", "2023-11", new BigDecimal("34"))));
        assertEquals(Report.Result.FAIL, result(r).result());
        Report.Finding f = r.findings().stream().filter(x -> x.code().equals("TV-MAX-DAYS")).findFirst().orElseThrow();
        assertEquals("vantedagar-median/2023-11", f.facts().get(0).ref());
        assertTrue(f.message().contains("högst 30"), f.message());
    }

    @Test
    void shouldPassTheHighestValueItself() {
        assertEquals(Report.Result.PASS,
                result(judge(List.of(new Indicator("vantedagar-median", "2023-11", new BigDecimal("30"))))).result());
    }

    @Test
    void shouldNotAssessWithoutTheIndicatorsOrWithoutThisPeriod() {
        assertEquals(List.of("indicators"), result(judge(null)).missing());
        assertEquals(List.of("indicators[vantedagar-median, 2023-11].value"),
                result(judge(List.of(new Indicator("vantedagar-median", "2023-10", new BigDecimal("20"))))).missing());
    }
}
