package se.bidragskoll.ruleset;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An agreement file under {@code rules/agreements/}: its conditions and its dated parameters, each
 * with its source. A supplement {@code inherits} the parameters of the agreement it supplements.
 */
public record AgreementDef(String id, Text title, SourceRef source, String inherits, List<String> conditions,
                           Map<String, List<DatedValue>> parameters) {

    /** The version of a parameter in force on {@code asOf}, if the agreement has that parameter. */
    public Optional<DatedValue> parameter(String name, LocalDate asOf) {
        List<DatedValue> versions = parameters == null ? null : parameters.get(name);
        if (versions == null || versions.isEmpty()) {
            return Optional.empty();
        }
        return versions.stream()
                .filter(v -> v.validFrom() == null || !v.validFrom().isAfter(asOf))
                .max(Comparator.comparing(v -> v.validFrom() == null ? LocalDate.MIN : v.validFrom()));
    }
}
