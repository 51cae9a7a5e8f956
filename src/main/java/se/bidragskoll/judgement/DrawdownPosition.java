package se.bidragskoll.judgement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.bidragskoll.dossier.Drawdown;

/**
 * A unit's position at one of its drawdown dates: everything it has drawn up to and including that
 * date, and (when the ledger is known) the costs booked on the grant's object for it by then.
 */
public record DrawdownPosition(String unit, LocalDate date, BigDecimal drawnSoFar, BigDecimal bookedSoFar,
                               List<Drawdown> drawdownsSoFar) {

    /** Drawn minus booked; {@code null} without a ledger. */
    public BigDecimal excess() {
        return bookedSoFar == null ? null : drawnSoFar.subtract(bookedSoFar);
    }

    public static List<DrawdownPosition> of(List<Drawdown> drawdowns, Ledger ledger) {
        Map<String, List<Drawdown>> byUnit = new HashMap<>();
        for (Drawdown d : drawdowns) {
            if (d.unit() != null && d.date() != null && d.amount() != null) {
                byUnit.computeIfAbsent(d.unit(), u -> new ArrayList<>()).add(d);
            }
        }
        List<DrawdownPosition> positions = new ArrayList<>();
        for (List<Drawdown> unitDrawdowns : byUnit.values()) {
            unitDrawdowns.sort(Comparator.comparing(Drawdown::date));
            BigDecimal drawn = BigDecimal.ZERO;
            for (int i = 0; i < unitDrawdowns.size(); i++) {
                Drawdown d = unitDrawdowns.get(i);
                drawn = drawn.add(d.amount());
                boolean lastOfDay = i + 1 == unitDrawdowns.size() || !unitDrawdowns.get(i + 1).date().equals(d.date());
                if (lastOfDay) {
                    positions.add(new DrawdownPosition(d.unit(), d.date(), drawn,
                            ledger == null ? null : ledger.bookedFor(d.unit(), d.date()),
                            List.copyOf(unitDrawdowns.subList(0, i + 1))));
                }
            }
        }
        return positions;
    }
}
