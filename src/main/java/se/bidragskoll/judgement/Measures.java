package se.bidragskoll.judgement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.bidragskoll.model.Measure;

/** The action plan's measures as one fact, with their total and the areas they cover. */
public record Measures(List<Measure> items, BigDecimal total, List<Measure> withoutAmount, Set<String> areas,
                       List<String> repeatedIds) {

    public static Measures of(List<Measure> measures) {
        BigDecimal total = BigDecimal.ZERO;
        List<Measure> withoutAmount = new ArrayList<>();
        Set<String> areas = new LinkedHashSet<>();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Measure m : measures) {
            if (m.amount() == null) {
                withoutAmount.add(m);
            } else {
                total = total.add(m.amount());
            }
            if (m.area() != null) {
                areas.add(Ids.fold(m.area()));
            }
            if (m.id() != null) {
                ids.merge(m.id(), 1, Integer::sum);
            }
        }
        List<String> repeated = ids.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        return new Measures(List.copyOf(measures), total, List.copyOf(withoutAmount), Set.copyOf(areas), repeated);
    }

    public boolean covers(String area) {
        return areas.contains(Ids.fold(area));
    }

    /** Whether every measure names its development area. */
    public boolean areasComplete() {
        return items.stream().allMatch(m -> m.area() != null && !m.area().isBlank());
    }

    /** How many measures carry the id (a rule counts through this helper: no loops or lambdas in rules). */
    public long countOf(String id) {
        return items.stream().filter(m -> id != null && id.equals(m.id())).count();
    }

    public boolean amountsComplete() {
        return withoutAmount.isEmpty();
    }
}
