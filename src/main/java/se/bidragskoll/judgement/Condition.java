package se.bidragskoll.judgement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.bidragskoll.ruleset.SourceRef;
import se.bidragskoll.text.Text;

/**
 * One condition that applies to the dossier being judged, as a fact: its code, its family, the
 * parameter values in force on {@code asOf} (typed by the family's schema) and the clause that binds
 * it in this agreement and region. A family's rules match {@code Condition( family == "…" )} and
 * read the parameters by name.
 */
public record Condition(String code, String family, String severity, Text title, SourceRef source,
                        Map<String, Object> values, String definedIn) {

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public LocalDate date(String name) {
        return (LocalDate) values.get(name);
    }

    public YearMonth month(String name) {
        return (YearMonth) values.get(name);
    }

    public BigDecimal amount(String name) {
        return (BigDecimal) values.get(name);
    }

    public Integer integer(String name) {
        return (Integer) values.get(name);
    }

    public String text(String name) {
        Object v = values.get(name);
        return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    public List<String> texts(String name) {
        return (List<String>) values.get(name);
    }

    /** The ids of an {@code ids} parameter (areas, purposes), in the file's order. */
    @SuppressWarnings("unchecked")
    public Set<String> ids(String name) {
        Object v = values.get(name);
        return v == null ? null : ((Map<String, String>) v).keySet();
    }

    /** Whether the {@code ids} parameter has {@code code}, compared as {@link Ids#fold} does. */
    public boolean allows(String name, String code) {
        Set<String> ids = ids(name);
        return ids != null && code != null && ids.stream().anyMatch(id -> Ids.same(id, code));
    }

    /** The title an {@code ids} parameter gives an id, or the id itself. */
    @SuppressWarnings("unchecked")
    public String titleOf(String name, String id) {
        Object v = values.get(name);
        return v == null ? id : ((Map<String, String>) v).getOrDefault(id, id);
    }
}
