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
 * The dossier's ledger as one fact: the lines themselves (rules match them with {@code from}) and
 * the sums that conditions compare, built in one linear pass so that judging a million lines does
 * not mean joining a million facts.
 */
public final class Ledger {

    private final List<LedgerLine> lines;
    private final BigDecimal chargedInPeriod;
    private final int chargedCount;
    private final LedgerLine firstCharged;
    private final Map<String, UnitCosts> costsByUnit;
    private final List<List<LedgerLine>> duplicates;

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
                   Map<String, UnitCosts> costsByUnit, List<List<LedgerLine>> duplicates) {
        this.lines = lines;
        this.chargedInPeriod = chargedInPeriod;
        this.chargedCount = chargedCount;
        this.firstCharged = firstCharged;
        this.costsByUnit = costsByUnit;
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
        for (LedgerLine line : lines) {
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
        Map<String, UnitCosts> costs = new HashMap<>();
        for (Map.Entry<String, List<LedgerLine>> unit : byUnit.entrySet()) {
            List<LedgerLine> sorted = new ArrayList<>(unit.getValue());
            sorted.sort(Comparator.comparing(LedgerLine::date));
            LocalDate[] dates = new LocalDate[sorted.size()];
            BigDecimal[] totals = new BigDecimal[sorted.size()];
            BigDecimal running = BigDecimal.ZERO;
            for (int i = 0; i < sorted.size(); i++) {
                running = running.add(sorted.get(i).amount());
                dates[i] = sorted.get(i).date();
                totals[i] = running;
            }
            costs.put(unit.getKey(), new UnitCosts(dates, totals));
        }
        List<List<LedgerLine>> dups = new ArrayList<>();
        for (VoucherLine key : repeatedKeys) {
            @SuppressWarnings("unchecked")
            List<LedgerLine> same = (List<LedgerLine>) byKey.get(key);
            dups.add(List.copyOf(same));
        }
        return new Ledger(lines, charged, chargedCount, first, costs, dups);
    }

    public List<LedgerLine> getLines() {
        return lines;
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
        UnitCosts costs = costsByUnit.get(unit);
        return costs == null ? BigDecimal.ZERO : costs.through(date);
    }
}
