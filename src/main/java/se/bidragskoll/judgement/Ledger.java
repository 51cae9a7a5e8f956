package se.bidragskoll.judgement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.bidragskoll.dossier.LedgerLine;

/**
 * The dossier's ledger as one fact: the lines, grouped by what the rules test ({@link LedgerGroup},
 * inserted as facts of their own), and the sums that conditions compare, built in one linear pass
 * so that judging a million lines does not mean a million facts.
 */
public final class Ledger {

    private final List<LedgerLine> lines;
    private final BigDecimal chargedInPeriod;
    private final int chargedCount;
    private final LedgerLine firstCharged;
    private final Map<String, List<LedgerLine>> linesByUnit;
    private final Map<String, UnitCosts> costsByUnit = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<List<LedgerLine>> duplicates;
    private final List<LedgerGroup> groups;

    private record VoucherLine(String voucher, int line) {
    }

    /** Costs booked on the grant's object for one unit, by date, with running totals. */
    private record UnitCosts(LocalDate[] dates, BigDecimal[] runningTotals) {

        BigDecimal through(LocalDate date) {
            int at = Arrays.binarySearch(dates, date);
            if (at < 0) {
                at = -at - 2;
            } else {
                while (at + 1 < dates.length && dates[at + 1].equals(date)) {
                    at++;
                }
            }
            return at < 0 ? BigDecimal.ZERO : runningTotals[at];
        }
    }

    private Ledger(List<LedgerLine> lines, BigDecimal chargedInPeriod, int chargedCount, LedgerLine firstCharged,
                   Map<String, List<LedgerLine>> linesByUnit, List<List<LedgerLine>> duplicates,
                   List<LedgerGroup> groups) {
        this.groups = groups;
        this.lines = lines;
        this.chargedInPeriod = chargedInPeriod;
        this.chargedCount = chargedCount;
        this.firstCharged = firstCharged;
        this.linesByUnit = linesByUnit;
        this.duplicates = duplicates;
    }

    public static Ledger of(List<LedgerLine> lines, GrantScope scope, AgreementTerms terms) {
        BigDecimal charged = BigDecimal.ZERO;
        int chargedCount = 0;
        LedgerLine first = null;
        Map<String, List<LedgerLine>> byUnit = new HashMap<>();
        // One entry per (voucher, line): the line itself, or a list once the pair repeats.
        Map<VoucherLine, Object> byKey = new HashMap<>(Math.max(16, lines.size() * 2));
        List<VoucherLine> repeatedKeys = new ArrayList<>();
        Map<LedgerGroup.Key, List<LedgerLine>> grouped = new HashMap<>();
        for (LedgerLine line : lines) {
            grouped.computeIfAbsent(LedgerGroup.Key.of(line), k -> new ArrayList<>()).add(line);
            if (line.voucher() != null && line.line() != null) {
                VoucherLine key = new VoucherLine(line.voucher(), line.line());
                Object seen = byKey.putIfAbsent(key, line);
                if (seen instanceof LedgerLine firstSeen) {
                    List<LedgerLine> same = new ArrayList<>(2);
                    same.add(firstSeen);
                    same.add(line);
                    byKey.put(key, same);
                    repeatedKeys.add(key);
                } else if (seen != null) {
                    @SuppressWarnings("unchecked")
                    List<LedgerLine> same = (List<LedgerLine>) seen;
                    same.add(line);
                }
            }
            if (line.amount() == null || line.date() == null) {
                continue;
            }
            if (scope.charges(line)) {
                if (!terms.outsideFundingPeriod(line.date())) {
                    charged = charged.add(line.amount());
                    chargedCount++;
                }
                if (first == null || line.date().isBefore(first.date())) {
                    first = line;
                }
            }
            if (scope.onObject(line) && line.unit() != null) {
                byUnit.computeIfAbsent(line.unit(), u -> new ArrayList<>()).add(line);
            }
        }
        List<List<LedgerLine>> dups = new ArrayList<>();
        for (VoucherLine key : repeatedKeys) {
            @SuppressWarnings("unchecked")
            List<LedgerLine> same = (List<LedgerLine>) byKey.get(key);
            dups.add(List.copyOf(same));
        }
        List<LedgerGroup> groups = new ArrayList<>(grouped.size());
        for (Map.Entry<LedgerGroup.Key, List<LedgerLine>> g : grouped.entrySet()) {
            LedgerGroup.Key k = g.getKey();
            BigDecimal total = BigDecimal.ZERO;
            for (LedgerLine line : g.getValue()) {
                if (line.amount() != null) {
                    total = total.add(line.amount());
                }
            }
            groups.add(new LedgerGroup(k.object(), k.measure(), k.unit(), k.date(), k.hasVoucher(), k.hasAccount(),
                    k.hasAmount(), List.copyOf(g.getValue()), total));
        }
        return new Ledger(lines, charged, chargedCount, first, byUnit, dups, groups);
    }

    public List<LedgerLine> getLines() {
        return lines;
    }

    /** The lines grouped by what the rules test; the evaluator inserts them as facts. */
    public List<LedgerGroup> getGroups() {
        return groups;
    }

    /** Eligible costs: lines the grant carries, dated inside the funding period. */
    public BigDecimal getChargedInPeriod() {
        return chargedInPeriod;
    }

    public int getChargedCount() {
        return chargedCount;
    }

    /** The earliest dated line the grant carries, or {@code null}. */
    public LedgerLine getFirstCharged() {
        return firstCharged;
    }

    /** Groups of lines that share one (voucher, line) pair. */
    public List<List<LedgerLine>> getDuplicates() {
        return duplicates;
    }

    /** Costs booked on the grant's object for {@code unit} up to and including {@code date}. */
    public BigDecimal bookedFor(String unit, LocalDate date) {
        List<LedgerLine> unitLines = linesByUnit.get(unit);
        if (unitLines == null) {
            return BigDecimal.ZERO;
        }
        return costsByUnit.computeIfAbsent(unit, u -> runningTotals(unitLines)).through(date);
    }

    /** Built only when drawdowns are judged: the unit's lines by date with running totals. */
    private static UnitCosts runningTotals(List<LedgerLine> unitLines) {
        List<LedgerLine> sorted = new ArrayList<>(unitLines);
        sorted.sort(Comparator.comparing(LedgerLine::date));
        LocalDate[] dates = new LocalDate[sorted.size()];
        BigDecimal[] totals = new BigDecimal[sorted.size()];
        BigDecimal running = BigDecimal.ZERO;
        for (int i = 0; i < sorted.size(); i++) {
            running = running.add(sorted.get(i).amount());
            dates[i] = sorted.get(i).date();
            totals[i] = running;
        }
        return new UnitCosts(dates, totals);
    }
}
