package se.bidragskoll.ruleset;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An agreement file under {@code rules/agreements/} (AGREEMENTS.md): the agreement as a whole, its
 * amounts and distribution key, and its conditions, each an instance of a family with its own clause.
 * A file that {@code inherits} another gets that agreement's conditions too, except those it lists
 * itself under the same code.
 *
 * @param basis what the grant rests on when it is not an agreement between the state and SKR (e.g.
 *              an ordinance), in the checker's words
 */
public record AgreementDef(String id, Text title, SourceRef source, String inherits, String basis, Amounts amounts,
                           Distribution distribution, List<ConditionSpec> conditions, String note) {

    /** The agreement's money, kronor. */
    public record Amounts(BigDecimal total, BigDecimal regions) {
    }

    /**
     * How the regions' money is split: {@code key} population | population-65plus | equal | stated, the
     * population {@code date} the key uses, the {@code amount} split, and {@code stated} shares per
     * county code where a source states them.
     */
    public record Distribution(String key, LocalDate date, BigDecimal amount, Map<String, BigDecimal> stated,
                               SourceRef source) {
    }

    public List<ConditionSpec> conditionList() {
        return conditions == null ? List.of() : conditions;
    }
}
