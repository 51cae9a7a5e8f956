package se.bidragskoll.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The overview's charts are self-contained SVG: escaped labels, exact values in titles, nothing fetched. */
class ChartsTest {

    @Test
    void shouldDrawABarPerValueScaledToTheLargest() {
        String svg = Charts.bars("c", "Belopp per region", List.of(
                new Charts.Bar("Region Jämtland Härjedalen", new BigDecimal("1510446.44"), "1 510 446,44 kr"),
                new Charts.Bar("Region <Västmanland>", new BigDecimal("755223.22"), "755 223,22 kr")));
        assertTrue(svg.startsWith("<svg id=\"c\"") && svg.endsWith("</svg>"), svg);
        assertEquals(2, svg.split("<rect ", -1).length - 1);
        assertTrue(svg.contains("Region &lt;Västmanland&gt;: 755 223,22 kr"), svg);
        assertTrue(!svg.contains("http://") || svg.indexOf("http://") == svg.indexOf("http://www.w3.org/2000/svg"),
                "no link to anywhere but the SVG namespace");
    }

    @Test
    void shouldPlaceEachDeadlineOfTheComingDaysOnTheTimeLine() {
        LocalDate today = LocalDate.of(2026, 11, 30);
        String svg = Charts.timeline("d", "Tidsfrister", today, 90, List.of(
                new Charts.Deadline(LocalDate.of(2026, 12, 31), "Region Västmanland: slutredovisning"),
                new Charts.Deadline(LocalDate.of(2026, 12, 31), "Region Jämtland Härjedalen: slutredovisning"),
                new Charts.Deadline(LocalDate.of(2027, 2, 1), "Region Stockholm: återbetalning")), "i dag", "dagar");
        assertEquals(3, svg.split("<circle ", -1).length - 1);
        assertTrue(svg.contains("2026-12-31: Region Västmanland: slutredovisning"), svg);
        assertTrue(svg.contains("+90 dagar"), svg);
        assertEquals("", Charts.timeline("d", "Tidsfrister", today, 90, List.of(), "i dag", "dagar"));
    }

    @Test
    void shouldLeadFromABarToTheQueueFilteredToIt() {
        String svg = Charts.bars("c", "Villkor", List.of(
                new Charts.Bar("Kostnadsobjekt", BigDecimal.valueOf(3), "3", "/granskning?code=REG-COST-OBJECT&status=OPEN")));
        assertTrue(svg.contains("<a href=\"/granskning?code=REG-COST-OBJECT&amp;status=OPEN\"><g class=\"bar\">"), svg);
        assertTrue(svg.contains("</g></a>"), svg);
    }

    @Test
    void shouldDrawAColumnPerMonthWithItsValue() {
        String svg = Charts.columns("t", "Öppna fynd", List.of(
                new Charts.Bar("2026-10", BigDecimal.valueOf(2), "2"),
                new Charts.Bar("2026-11", BigDecimal.valueOf(5), "5", "/granskning?status=OPEN")));
        assertEquals(2, svg.split("<rect ", -1).length - 1);
        assertTrue(svg.contains("<title>2026-11: 5</title>") && svg.contains("<a href=\"/granskning?status=OPEN\">"), svg);
        assertEquals("", Charts.columns("t", "Öppna fynd", List.of(new Charts.Bar("2026-10", BigDecimal.ZERO, "0"))));
    }
}
