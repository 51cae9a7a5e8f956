package se.bidragskoll.judgement;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/** The fact that says what is being judged, and at which date. */
public record Judgement(String region, String agreement, LocalDate asOf) {

    /** The last month that has ended before {@code asOf}. */
    public YearMonth lastCompleteMonth() {
        return YearMonth.from(asOf).minusMonths(1);
    }

    public boolean isAfter(LocalDate date) {
        return asOf.isAfter(date);
    }

    public long daysUntil(LocalDate date) {
        return ChronoUnit.DAYS.between(asOf, date);
    }

    public long daysSince(LocalDate date) {
        return ChronoUnit.DAYS.between(date, asOf);
    }
}
