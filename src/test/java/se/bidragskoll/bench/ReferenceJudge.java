package se.bidragskoll.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import se.bidragskoll.model.Allocation;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.model.Measure;
import se.bidragskoll.judgement.Fact;
import se.bidragskoll.judgement.Report;

/**
 * The ledger conditions in plain Java, one pass over the lines, no Drools: what the DRL rules and
 * the facts of {@code se.bidragskoll.judgement} (GrantScope, Ledger, LedgerGroup) conclude, for
 * PM-FUNDING-PERIOD, REG-COST-OBJECT, REG-COST-OBJECT-EXCLUSIVE, DATA-LEDGER-REQUIRED-FIELDS,
 * DATA-LEDGER-DUPLICATE, DATA-UNKNOWN-REFERENCE (ledger-unit part), FIN-UNSPENT and FIN-OVERSPEND.
 *
 * <p>The agreement's and region's parameters (funding period, cost object) are given, not read from
 * the rule set: the evaluator's helpers for that are package-private. The judge assumes the codes
 * apply (Jämtland Härjedalen, Patientmiljarden 2018) and only reports findings, not PASS/CANNOT_ASSESS.
 */
public final class ReferenceJudge {

    /** The codes this judge decides. */
    public static final List<String> CODES = List.of("PM-FUNDING-PERIOD", "REG-COST-OBJECT",
            "REG-COST-OBJECT-EXCLUSIVE", "DATA-LEDGER-REQUIRED-FIELDS", "DATA-LEDGER-DUPLICATE",
            "DATA-UNKNOWN-REFERENCE", "FIN-UNSPENT", "FIN-OVERSPEND");

    /**
     * One finding, comparable across engines: its code, its facts as {@code type:ref@row} sorted,
     * and its amount without trailing zeros ({@code null} when it has none).
     */
    public record Finding(String code, List<String> facts, String amount) {

        static Finding of(String code, List<String> facts, BigDecimal amount) {
            List<String> sorted = new ArrayList<>(facts);
            sorted.sort(null);
            return new Finding(code, List.copyOf(sorted),
                    amount == null ? null : amount.stripTrailingZeros().toPlainString());
        }

        private String sortKey() {
            return String.join("|", facts) + "#" + amount;
        }
    }

    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::sortKey);

    private final LocalDate periodStart;
    private final LocalDate periodEnd;
    private final String costObject;

    /**
     * @param periodStart the agreement's fundingPeriodStart, or {@code null}
     * @param periodEnd the agreement's fundingPeriodEnd, or {@code null}
     * @param costObject the grant's cost object as the region's rules give it (else the dossier's)
     */
    public ReferenceJudge(LocalDate periodStart, LocalDate periodEnd, String costObject) {
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
        this.costObject = costObject;
    }

    private record Pair(String voucher, int line) {
    }

    /** Per code of {@link #CODES}, its findings in a stable order (empty when none). */
    public Map<String, List<Finding>> judge(Dossier dossier) {
        Map<String, List<Finding>> result = new TreeMap<>();
        CODES.forEach(c -> result.put(c, new ArrayList<>()));
        List<LedgerLine> ledger = dossier.ledger();
        if (ledger == null) {
            return result;
        }

        // GrantScope
        boolean hasObject = costObject != null && !costObject.isBlank();
        boolean planGiven = dossier.actionPlan() != null && dossier.actionPlan().measures() != null;
        Set<String> plan = new HashSet<>();
        if (planGiven) {
            for (Measure m : dossier.actionPlan().measures()) {
                if (m.id() != null) {
                    plan.add(m.id());
                }
            }
        }
        boolean scopeKnown = hasObject || !plan.isEmpty();
        Set<String> allocated = null;
        if (dossier.allocations() != null) {
            allocated = new HashSet<>();
            for (Allocation a : dossier.allocations()) {
                if (a.unit() != null) {
                    allocated.add(a.unit());
                }
            }
        }
        boolean period = periodStart != null && periodEnd != null;
        boolean rowsGiven = ledger.stream().allMatch(l -> l.row() != null);

        List<Finding> wrongObject = result.get("REG-COST-OBJECT");
        List<Finding> missingFields = result.get("DATA-LEDGER-REQUIRED-FIELDS");
        List<Finding> unknownUnit = result.get("DATA-UNKNOWN-REFERENCE");
        List<String> before = new ArrayList<>();
        BigDecimal beforeTotal = BigDecimal.ZERO;
        List<String> after = new ArrayList<>();
        BigDecimal afterTotal = BigDecimal.ZERO;
        Map<String, List<String>> foreignLines = new TreeMap<>();
        Map<String, BigDecimal> foreignTotals = new HashMap<>();
        // (voucher, line) → where it was first seen: per voucher an array indexed by line number holding
        // position + 1 (a voucher has few lines), other line numbers in a plain map; repeated pairs apart
        Map<String, int[]> seenByVoucher = new HashMap<>();
        Map<Pair, Integer> seenOther = new HashMap<>();
        Map<Pair, List<String>> repeated = new java.util.LinkedHashMap<>();
        BigDecimal charged = BigDecimal.ZERO;

        for (int i = 0; i < ledger.size(); i++) {
            LedgerLine line = ledger.get(i);
            Integer row = rowsGiven ? line.row() : Integer.valueOf(i + 1);
            String object = line.object();
            String measure = line.measure();
            LocalDate date = line.date();
            BigDecimal amount = line.amount();
            boolean inPlan = measure != null && plan.contains(measure);
            boolean onObject = hasObject && costObject.equals(object);
            boolean foreign = onObject && planGiven && measure != null && !inPlan;
            boolean charges = inPlan || (onObject && !foreign);

            if (line.voucher() == null || date == null || line.account() == null || object == null || amount == null) {
                missingFields.add(Finding.of("DATA-LEDGER-REQUIRED-FIELDS", List.of(fact(line, row)), null));
            }
            if (line.voucher() != null && line.line() != null) {
                int number = line.line();
                int first;
                if (number >= 0 && number < 4096) {
                    int[] rows = seenByVoucher.get(line.voucher());
                    if (rows == null || rows.length <= number) {
                        int[] grown = new int[Math.max(8, Integer.highestOneBit(number) * 2)];
                        if (rows != null) {
                            System.arraycopy(rows, 0, grown, 0, rows.length);
                        }
                        rows = grown;
                        seenByVoucher.put(line.voucher(), rows);
                    }
                    first = rows[number] - 1;
                    if (first < 0) {
                        rows[number] = i + 1;
                    }
                } else {
                    Integer seen = seenOther.putIfAbsent(new Pair(line.voucher(), number), i);
                    first = seen == null ? -1 : seen;
                }
                if (first >= 0) {
                    int at = first;
                    List<String> same = repeated.computeIfAbsent(new Pair(line.voucher(), number), k -> {
                        LedgerLine firstLine = ledger.get(at);
                        List<String> facts = new ArrayList<>(3);
                        facts.add(fact(firstLine, rowsGiven ? firstLine.row() : Integer.valueOf(at + 1)));
                        return facts;
                    });
                    same.add(fact(line, row));
                }
            }
            if (hasObject && inPlan && !Objects.equals(object, costObject)) {
                wrongObject.add(Finding.of("REG-COST-OBJECT", List.of(fact(line, row)), amount));
            }
            if (hasObject && planGiven && foreign) {
                foreignLines.computeIfAbsent(measure, m -> new ArrayList<>()).add(fact(line, row));
                if (amount != null) {
                    foreignTotals.merge(measure, amount, BigDecimal::add);
                }
            }
            if (allocated != null && hasObject && line.unit() != null && onObject && !allocated.contains(line.unit())) {
                unknownUnit.add(Finding.of("DATA-UNKNOWN-REFERENCE", List.of(fact(line, row)), amount));
            }
            if (period && scopeKnown && charges && date != null) {
                if (date.isAfter(periodEnd)) {
                    after.add(fact(line, row));
                    if (amount != null) {
                        afterTotal = afterTotal.add(amount);
                    }
                } else if (date.isBefore(periodStart)) {
                    before.add(fact(line, row));
                    if (amount != null) {
                        beforeTotal = beforeTotal.add(amount);
                    }
                }
            }
            // Ledger.chargedInPeriod: lines the grant carries, with amount and date, inside the period
            if (amount != null && date != null && charges
                    && !(period && (date.isBefore(periodStart) || date.isAfter(periodEnd)))) {
                charged = charged.add(amount);
            }
        }

        if (!after.isEmpty()) {
            result.get("PM-FUNDING-PERIOD").add(Finding.of("PM-FUNDING-PERIOD", after, afterTotal));
        }
        if (!before.isEmpty()) {
            result.get("PM-FUNDING-PERIOD").add(Finding.of("PM-FUNDING-PERIOD", before, beforeTotal));
        }
        for (Map.Entry<String, List<String>> e : foreignLines.entrySet()) {
            result.get("REG-COST-OBJECT-EXCLUSIVE").add(Finding.of("REG-COST-OBJECT-EXCLUSIVE", e.getValue(),
                    foreignTotals.getOrDefault(e.getKey(), BigDecimal.ZERO)));
        }
        for (List<String> same : repeated.values()) {
            result.get("DATA-LEDGER-DUPLICATE").add(Finding.of("DATA-LEDGER-DUPLICATE", same, null));
        }
        BigDecimal granted = dossier.grant() == null ? null : dossier.grant().grantedAmount();
        if (granted != null && scopeKnown) {
            List<String> facts = List.of("field:grant.grantedAmount", "ledger-total:ledger");
            LocalDate asOf = dossier.asOf();
            if (periodEnd != null && asOf != null && asOf.isAfter(periodEnd) && charged.compareTo(granted) < 0) {
                result.get("FIN-UNSPENT").add(Finding.of("FIN-UNSPENT", facts, granted.subtract(charged)));
            }
            if (charged.compareTo(granted) > 0) {
                result.get("FIN-OVERSPEND").add(Finding.of("FIN-OVERSPEND", facts, charged.subtract(granted)));
            }
        }
        result.values().forEach(list -> list.sort(ORDER));
        return result;
    }

    private static String fact(LedgerLine line, Integer row) {
        String ref = line.voucher() == null ? "rad " + row
                : line.line() == null ? line.voucher() : line.voucher() + "/" + line.line();
        return "ledger:" + ref + "@" + row;
    }

    private static String fact(Fact f) {
        return f.type() + ":" + f.ref() + (f.row() == null ? "" : "@" + f.row());
    }

    /**
     * The rules' findings for {@link #CODES} in the same shape. For DATA-UNKNOWN-REFERENCE only the
     * ledger-unit findings (every fact a ledger line) count: drawdowns and measure ids are not judged here.
     */
    public static Map<String, List<Finding>> fromReport(Report report) {
        Map<String, List<Finding>> result = new TreeMap<>();
        CODES.forEach(c -> result.put(c, new ArrayList<>()));
        for (Report.Finding f : report.findings()) {
            List<Finding> list = result.get(f.code());
            if (list == null) {
                continue;
            }
            if ("DATA-UNKNOWN-REFERENCE".equals(f.code())
                    && !f.facts().stream().allMatch(x -> "ledger".equals(x.type()))) {
                continue;
            }
            list.add(Finding.of(f.code(), f.facts().stream().map(ReferenceJudge::fact).toList(), f.amount()));
        }
        result.values().forEach(list -> list.sort(ORDER));
        return result;
    }

    /** How many findings per code. */
    public static Map<String, Integer> counts(Map<String, List<Finding>> findings) {
        Map<String, Integer> counts = new TreeMap<>();
        findings.forEach((code, list) -> counts.put(code, list.size()));
        return counts;
    }
}
