package se.bidragskoll.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The quick reading of plain ISO dates agrees with the JDK's strict parser. */
class SwedishDatesTest {

    @Test
    void shouldReadEveryDayOfSeveralYearsAsTheJdkDoes() {
        for (LocalDate day = LocalDate.of(1999, 12, 1); day.isBefore(LocalDate.of(2031, 1, 1)); day = day.plusDays(1)) {
            assertEquals(day, SwedishDates.isoDay(day.toString()));
            assertEquals(day, SwedishDates.parse(day.toString()));
        }
    }

    @Test
    void shouldLeaveImpossibleDaysAndOtherShapesToTheJdk() {
        for (String text : List.of("2023-02-29", "2024-02-30", "2023-04-31", "2023-13-01", "2023-00-10", "2023-01-00",
                "2023-1-01", "2023/01/01", "20230101", "2023-01-1a", "+2023-01-01", "2023-01-01x", "")) {
            assertNull(SwedishDates.isoDay(text), text);
            assertThrows(DateTimeParseException.class, () -> SwedishDates.parse(text), text);
        }
        assertEquals(LocalDate.of(2024, 2, 29), SwedishDates.isoDay("2024-02-29"));
    }

    @Test
    void shouldAgreeWithTheJdkOnRandomTenCharacterTexts() {
        Random random = new Random(20261203);
        String alphabet = "0123456789-";
        for (int i = 0; i < 200_000; i++) {
            char[] c = new char[10];
            for (int j = 0; j < 10; j++) {
                c[j] = j == 4 || j == 7 ? (random.nextInt(20) == 0 ? '/' : '-')
                        : alphabet.charAt(random.nextInt(j < 4 ? 10 : alphabet.length()));
            }
            String text = new String(c);
            LocalDate jdk;
            try {
                jdk = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                jdk = null;
            }
            assertEquals(jdk, SwedishDates.isoDay(text), text);
        }
    }

    @Test
    void shouldReadAnInstantAsItsSwedishDay() {
        assertEquals(LocalDate.of(2018, 4, 17), SwedishDates.parse("2018-04-16T22:30:00Z"));
        assertEquals(LocalDate.of(2018, 4, 16), SwedishDates.parse(" 2018-04-16 "));
    }
}
