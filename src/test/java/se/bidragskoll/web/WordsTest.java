package se.bidragskoll.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import se.bidragskoll.text.Messages;

class WordsTest {

    private static final Locale SV = Messages.SWEDISH;
    private static final Locale EN = Locale.ENGLISH;

    @Test
    void shouldNameAFieldOfTheGrantAsTheWorkbookDoes() {
        assertEquals("Beviljat belopp", Words.fact("field", "grant.grantedAmount", null, SV));
        assertEquals("Granted amount", Words.fact("field", "grant.grantedAmount", null, EN));
    }

    @Test
    void shouldCountRowsFromOneWhereThePathCountsFromZero() {
        assertEquals("Huvudbok, rad\u00a04, Belopp", Words.field("ledger[3].amount", SV));
        assertEquals("Measures, row\u00a01, Amount", Words.field("actionPlan.measures[0].amount", EN));
        assertEquals("Saknas på Planens rader, rad\u00a04, Planbelopp", Words.text("Saknas på lines[3].planAmount", SV));
        assertEquals("rad\u00a01, rad\u00a012", Words.text("line:1, line:12", SV));
    }

    @Test
    void shouldNameTheMissingDataOfACondition() {
        assertEquals("Underlag saknas: Åtgärder, Huvudbok.", Words.text("Underlag saknas: actionPlan.measures, ledger.", SV));
        assertEquals("Missing data: Indicators.", Words.text("Missing data: indicators.", EN));
    }

    @Test
    void shouldNameTheItemsBehindAFinding() {
        assertEquals("Huvudboksrad A 104233/2 (rad\u00a04)", Words.fact("ledger", "A 104233/2", 4, SV));
        assertEquals("Summan av åtgärder", Words.fact("plan-total", "actionPlan.measures", null, SV));
        assertEquals("Measure VG-01", Words.fact("measure", "VG-01", null, EN));
    }

    @Test
    void shouldNameRegionsAndShowTimesInStockholmToTheMinute() {
        assertEquals("Region Västmanland", Words.regions(List.of("19")));
        assertEquals("2018-06-30 14:05", Words.minute(Instant.parse("2018-06-30T12:05:59.123456Z")));
    }

    @Test
    void shouldKeepAnAmountOnOneLine() {
        assertEquals("Beviljat belopp 12\u00a0600\u00a0000\u00a0kr är för högt för 2018.",
                Words.text("Beviljat belopp 12 600 000 kr är för högt för 2018.", SV));
        assertEquals("Rad 4 och 5 av 2018 års 12 rader", Words.text("Rad 4 och 5 av 2018 års 12 rader", SV));
    }
}
