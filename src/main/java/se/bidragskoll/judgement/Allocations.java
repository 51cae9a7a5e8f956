package se.bidragskoll.judgement;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import se.bidragskoll.model.Allocation;

/** The dossier's allocations to administrations as one fact, with their total. */
public record Allocations(List<Allocation> items, BigDecimal total, Set<String> units, boolean amountsComplete) {

    public static Allocations of(List<Allocation> allocations) {
        BigDecimal total = BigDecimal.ZERO;
        Set<String> units = new LinkedHashSet<>();
        boolean complete = true;
        for (Allocation a : allocations) {
            if (a.amount() == null) {
                complete = false;
            } else {
                total = total.add(a.amount());
            }
            if (a.unit() != null) {
                units.add(a.unit());
            }
        }
        return new Allocations(List.copyOf(allocations), total, Set.copyOf(units), complete);
    }

    /** What the allocations give the unit, or {@code null} when it has none or an amount is missing. */
    /** Whether {@code drawn} is more than the unit's allocations give it (false when they do not say how much). */
    public boolean exceededBy(String unit, BigDecimal drawn) {
        BigDecimal allocated = amountFor(unit);
        return allocated != null && drawn != null && drawn.compareTo(allocated) > 0;
    }

    public BigDecimal amountFor(String unit) {
        BigDecimal sum = null;
        for (Allocation a : items) {
            if (unit != null && unit.equals(a.unit())) {
                if (a.amount() == null) {
                    return null;
                }
                sum = sum == null ? a.amount() : sum.add(a.amount());
            }
        }
        return sum;
    }

    public boolean allocated(String unit) {
        return unit != null && units.contains(unit);
    }
}
