package se.bidragskoll.judgement;

import java.util.Set;
import se.bidragskoll.model.LedgerLine;

/**
 * Which ledger lines the grant carries: those on its cost object (the region's, else the dossier's)
 * and those tied to a measure of its action plan.
 */
public record GrantScope(String costObject, Set<String> measureIds, boolean planGiven) {

    public boolean hasCostObject() {
        return costObject != null && !costObject.isBlank();
    }

    /** Whether the scope can tell which lines belong to the grant at all. */
    public boolean known() {
        return hasCostObject() || !measureIds.isEmpty();
    }

    public boolean inPlan(String measure) {
        return measure != null && measureIds.contains(measure);
    }

    public boolean onObject(String object) {
        return hasCostObject() && costObject.equals(object);
    }

    public boolean onObject(LedgerLine line) {
        return onObject(line.object());
    }

    /** A line on the grant's object that is tied to a measure the plan does not have. */
    public boolean foreignOnObject(String object, String measure) {
        return onObject(object) && planGiven && measure != null && !inPlan(measure);
    }

    /** Whether a line with this object and measure is a cost of this grant. */
    public boolean charges(String object, String measure) {
        return inPlan(measure) || (onObject(object) && !foreignOnObject(object, measure));
    }

    public boolean charges(LedgerLine line) {
        return charges(line.object(), line.measure());
    }
}
