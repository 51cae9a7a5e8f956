package se.bidragskoll.api;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * One rule for the dates of a dossier, everywhere it is read (the service, {@code judge},
 * {@code replay}, the scenarios): a calendar date {@code 2018-04-16} is that day; an instant
 * ({@code 2018-04-16T22:30:00Z}, {@code 2018-04-17T00:30:00+02:00}) is the day it falls on in Swedish
 * time (Europe/Stockholm), so both of those are 2018-04-17; a date and time without offset is Swedish
 * local time. JSON reads dates through {@link JsonLimits}, which also bounds them; CSV through
 * {@link #parse}.
 */
public final class SwedishDates {

    public static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    private SwedishDates() {
    }

    /** "Today" for a dossier without {@code asOf}, decided one way everywhere: the day in Swedish time. */
    public static LocalDate today(java.time.Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** The day {@code text} names in Swedish time. */
    public static LocalDate parse(String text) {
        String t = text.trim();
        if (t.indexOf('T') < 0 && t.indexOf(' ') < 0) {
            return LocalDate.parse(t);
        }
        String iso = t.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).atZoneSameInstant(ZONE).toLocalDate();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(iso).toLocalDate();
        }
    }
}
