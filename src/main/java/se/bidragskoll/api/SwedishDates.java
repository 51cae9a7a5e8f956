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
            LocalDate day = isoDay(t);
            // anything else, an impossible day included, is left to the JDK's parser and its message
            return day != null ? day : LocalDate.parse(t);
        }
        String iso = t.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).atZoneSameInstant(ZONE).toLocalDate();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(iso).toLocalDate();
        }
    }

    /**
     * A plain {@code YYYY-MM-DD} read digit by digit, or {@code null} when {@code text} is not of that
     * shape or names no day (2023-02-30). Dates repeat across a ledger, so each day's
     * {@link LocalDate} is shared through a small direct-mapped cache per thread (no hashing of text).
     */
    public static LocalDate isoDay(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int y = digits(text, 0, 4);
        int m = digits(text, 5, 2);
        int d = digits(text, 8, 2);
        if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) {
            return null;
        }
        LocalDate[] days = DAYS.get();
        int slot = (y * 416 + m * 32 + d) & (days.length - 1);
        LocalDate known = days[slot];
        if (known != null && known.getDayOfMonth() == d && known.getMonthValue() == m && known.getYear() == y) {
            return known;
        }
        if (d > java.time.Month.of(m).length(java.time.Year.isLeap(y))) {
            return null;
        }
        LocalDate day = LocalDate.of(y, m, d);
        days[slot] = day;
        return day;
    }

    private static final ThreadLocal<LocalDate[]> DAYS = ThreadLocal.withInitial(() -> new LocalDate[4096]);

    /** The {@code count} decimal digits of {@code s} from {@code from}, or -1 if one is no digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = s.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
