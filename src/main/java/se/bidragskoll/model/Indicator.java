package se.bidragskoll.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A reported value of a performance indicator for a period (a dossier's {@code indicators}), e.g. the
 * share of new cancer cases investigated within a standardised care pathway in 2023. Performance
 * thresholds of an agreement ({@code performance-threshold}) are judged against these.
 */
public record Indicator(String indicator, String period, BigDecimal value) {

    /** How a finding names the reported value: {@code indicator/period}. */
    public String ref() {
        return indicator + "/" + period;
    }

    /** The dossier's indicators as rule facts: the list (that it was given at all) and each value. */
    public static List<Object> facts(List<Indicator> indicators) {
        if (indicators == null) {
            return List.of();
        }
        List<Object> facts = new ArrayList<>();
        facts.add(new Reported(List.copyOf(indicators.stream().filter(i -> i != null).toList())));
        indicators.stream().filter(i -> i != null).forEach(facts::add);
        return facts;
    }

    /** The dossier states which indicator values were reported (possibly none). */
    public record Reported(List<Indicator> items) {
    }
}
