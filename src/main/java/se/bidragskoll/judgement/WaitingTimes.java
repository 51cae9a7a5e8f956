package se.bidragskoll.judgement;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import se.bidragskoll.model.WaitingTimeReport;
import se.bidragskoll.text.Text;

/**
 * The months delivered to the waiting-time database as of {@code asOf}, as one fact: present,
 * possibly empty. A delivery dated after {@code asOf} has not happened yet; a month delivered more
 * than once counts from its first delivery; a report without {@code deliveredOn} counts as delivered,
 * on a date unknown.
 */
public record WaitingTimes(SortedMap<YearMonth, LocalDate> delivered, SortedSet<YearMonth> undated) {

    public static WaitingTimes of(List<WaitingTimeReport> reports, LocalDate asOf) {
        SortedMap<YearMonth, LocalDate> delivered = new TreeMap<>();
        SortedSet<YearMonth> undated = new java.util.TreeSet<>();
        for (WaitingTimeReport r : reports) {
            if (r.month() == null || r.deliveredOn() != null && r.deliveredOn().isAfter(asOf)) {
                continue;
            }
            if (r.deliveredOn() == null) {
                undated.add(r.month());
                delivered.putIfAbsent(r.month(), null);
            } else {
                delivered.merge(r.month(), r.deliveredOn(), (a, b) -> a == null ? b : a.isBefore(b) ? a : b);
            }
        }
        return new WaitingTimes(delivered, undated);
    }

    /** The last day on which a month's delivery is on time: the end of the month, plus the grace months. */
    public static LocalDate due(YearMonth month, Integer graceMonths) {
        return month.plusMonths(graceMonths == null ? 0 : graceMonths).atEndOfMonth();
    }

    public boolean reportedAny() {
        return !delivered.isEmpty();
    }

    public boolean reported(YearMonth month) {
        return delivered.containsKey(month);
    }

    /** When the month was first delivered, or {@code null} when that is not known. */
    public LocalDate deliveredOn(YearMonth month) {
        return delivered.get(month);
    }

    /** Whether the month was delivered, with its date known, after {@code due}. */
    public boolean deliveredAfter(YearMonth month, LocalDate due) {
        LocalDate on = delivered.get(month);
        return on != null && on.isAfter(due);
    }

    /** The first reported month, or the word for "none" when nothing is reported. */
    public Object firstMonthOrNone() {
        return delivered.isEmpty() ? Text.of("ingen", "none") : delivered.firstKey();
    }

    /** The first reported month from {@code from} on, or {@code null}. */
    public YearMonth firstFrom(YearMonth from) {
        SortedMap<YearMonth, LocalDate> tail = delivered.tailMap(from);
        return tail.isEmpty() ? null : tail.firstKey();
    }

    /**
     * Months not reported, from the first reported month of the obligation ({@code from} or later) up
     * to the last month whose delivery was due before {@code asOf}. Months before {@code from} are no
     * part of the obligation.
     */
    public List<YearMonth> missing(YearMonth from, LocalDate asOf, Integer graceMonths) {
        List<YearMonth> missing = new ArrayList<>();
        YearMonth start = firstFrom(from);
        if (start == null) {
            return missing;
        }
        for (YearMonth m = start; due(m, graceMonths).isBefore(asOf); m = m.plusMonths(1)) {
            if (!delivered.containsKey(m)) {
                missing.add(m);
            }
        }
        return missing;
    }
}
