package se.bidragskoll.judgement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.bidragskoll.model.Drawdown;

/**
 * A unit's position at one of its drawdown dates: everything it has drawn up to and including that
 * date, and (when the ledger is known) the costs booked on the grant's object for it by then.
 */
public record DrawdownPosition(String unit, LocalDate date, BigDecimal drawnSoFar, BigDecimal bookedSoFar,
                               List<Drawdown> drawdownsSoFar, Role role) {

    /**
     * Which of a unit's positions this is: its worst (the largest excess of drawn over booked, the
     * earliest on a tie; with no ledger, none) or its total (all its drawdowns). The rules need no
     * more, so the positions at other dates are never facts.
     */
    public enum Role { WORST, TOTAL }

    public boolean worst() {
        return role == Role.WORST;
    }

    public boolean total() {
        return role == Role.TOTAL;
    }

    /** Drawn minus booked; {@code null} without a ledger. */
    public BigDecimal excess() {
        return bookedSoFar == null ? null : drawnSoFar.subtract(bookedSoFar);
    }

    /**
     * Each unit's worst position over every date where its drawdowns or its booked costs change (a cost
     * reversed after a drawdown lowers what was booked from that day on, while the drawdown stands),
     * and its total. Without a ledger, only the total (and nothing booked).
     */
    public static List<DrawdownPosition> of(List<Drawdown> drawdowns, Ledger ledger) {
        Map<String, List<Drawdown>> byUnit = new HashMap<>();
        for (Drawdown d : drawdowns) {
            if (d.unit() != null && d.date() != null && d.amount() != null) {
                byUnit.computeIfAbsent(d.unit(), u -> new ArrayList<>()).add(d);
            }
        }
        List<DrawdownPosition> positions = new ArrayList<>();
        for (Map.Entry<String, List<Drawdown>> e : byUnit.entrySet()) {
            List<Drawdown> unitDrawdowns = e.getValue();
            unitDrawdowns.sort(Comparator.comparing(Drawdown::date));
            java.util.TreeSet<LocalDate> dates = new java.util.TreeSet<>();
            unitDrawdowns.forEach(d -> dates.add(d.date()));
            if (ledger != null) {
                // Booked costs matter from the first drawdown on: before it nothing is drawn.
                dates.addAll(ledger.bookingDates(e.getKey()).tailSet(unitDrawdowns.get(0).date()));
            }
            BigDecimal drawn = BigDecimal.ZERO;
            int next = 0;
            DrawdownPosition worst = null;
            for (LocalDate date : dates) {
                while (next < unitDrawdowns.size() && !unitDrawdowns.get(next).date().isAfter(date)) {
                    drawn = drawn.add(unitDrawdowns.get(next).amount());
                    next++;
                }
                if (ledger != null) {
                    BigDecimal booked = ledger.bookedFor(e.getKey(), date);
                    if (worst == null || drawn.subtract(booked).compareTo(worst.excess()) > 0) {
                        worst = new DrawdownPosition(e.getKey(), date, drawn, booked,
                                List.copyOf(unitDrawdowns.subList(0, next)), Role.WORST);
                    }
                }
            }
            if (worst != null) {
                positions.add(worst);
            }
            Drawdown lastDrawdown = unitDrawdowns.get(unitDrawdowns.size() - 1);
            positions.add(new DrawdownPosition(e.getKey(), lastDrawdown.date(), drawn,
                    ledger == null ? null : ledger.bookedFor(e.getKey(), lastDrawdown.date()),
                    List.copyOf(unitDrawdowns), Role.TOTAL));
        }
        return positions;
    }
}
