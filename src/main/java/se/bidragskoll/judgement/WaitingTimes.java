package se.bidragskoll.judgement;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import se.bidragskoll.dossier.WaitingTimeReport;
import se.bidragskoll.ruleset.Text;

/** The months reported to the waiting-time database, as one fact: present, possibly empty. */
public record WaitingTimes(SortedSet<YearMonth> months) {

    public static WaitingTimes of(List<WaitingTimeReport> reports) {
        SortedSet<YearMonth> months = new TreeSet<>();
        for (WaitingTimeReport r : reports) {
            if (r.month() != null) {
                months.add(r.month());
            }
        }
        return new WaitingTimes(months);
    }

    public boolean reportedAny() {
        return !months.isEmpty();
    }

    public boolean reported(YearMonth month) {
        return months.contains(month);
    }

    public YearMonth firstMonth() {
        return months.isEmpty() ? null : months.first();
    }

    /** The first reported month, or the word for "none" when nothing is reported. */
    public Object firstMonthOrNone() {
        return months.isEmpty() ? Text.of("ingen", "none") : months.first();
    }

    /** Months between the first reported month and {@code last} that were not reported. */
    public List<YearMonth> missingThrough(YearMonth last) {
        List<YearMonth> missing = new ArrayList<>();
        if (months.isEmpty()) {
            return missing;
        }
        for (YearMonth m = months.first(); !m.isAfter(last); m = m.plusMonths(1)) {
            if (!months.contains(m)) {
                missing.add(m);
            }
        }
        return missing;
    }

    public boolean hasGapsThrough(YearMonth last) {
        return !missingThrough(last).isEmpty();
    }
}
