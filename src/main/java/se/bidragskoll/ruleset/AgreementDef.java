package se.bidragskoll.ruleset;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import se.bidragskoll.text.Text;

/**
 * An agreement file under {@code rules/agreements/} (AGREEMENTS.md): the agreement as a whole, its
 * amounts and distribution key, and its conditions, each an instance of a family with its own clause.
 * A file that {@code inherits} another gets that agreement's conditions too, except those it lists
 * itself under the same code.
 *
 * @param validFrom from when the file's conditions bind (the date of its document), unless one states its own
 * @param period    the time the money is for
 * @param basis what the grant rests on when it is not an agreement between the state and SKR (e.g.
 *              an ordinance), in the checker's words
 */
public record AgreementDef(String id, Text title, SourceRef source, String inherits, String basis, Amounts amounts,
                           Distribution distribution, List<ConditionSpec> conditions, String note,
                           LocalDate validFrom, LocalDate validTo, Period period) {

    /** The time the agreement's money is for, as its sources state it (e.g. "Medlen avser 2018"). */
    public record Period(LocalDate from, LocalDate to) {

        public boolean covers(int year) {
            return from != null && to != null && from.getYear() <= year && to.getYear() >= year;
        }
    }

    /** The agreement's money, kronor. */
    public record Amounts(BigDecimal total, BigDecimal regions) {
    }

    /**
     * How the regions' money is split: {@code key} population | population-65plus | equal | stated, the
     * population {@code date} the key uses, the {@code amount} split, and {@code stated} shares per
     * county code where a source states them. An agreement whose money comes in parts split in
     * different ways (a population part and a rural part, a base and a performance part) lists them as
     * {@code parts}, each a distribution with its {@code name}.
     */
    public record Distribution(String key, LocalDate date, BigDecimal amount, Map<String, BigDecimal> stated,
                               SourceRef source, String name, List<Distribution> parts) {

        /**
         * What the sources state as the region's share, over this distribution and its parts, or
         * {@code null} when no part states one.
         */
        public BigDecimal statedShare(String region) {
            BigDecimal sum = stated == null ? null : stated.get(region);
            for (Distribution p : parts == null ? List.<Distribution>of() : parts) {
                BigDecimal s = p == null ? null : p.statedShare(region);
                if (s != null) {
                    sum = sum == null ? s : sum.add(s);
                }
            }
            return sum;
        }
    }

    public List<ConditionSpec> conditionList() {
        return conditions == null ? List.of() : conditions;
    }
}
