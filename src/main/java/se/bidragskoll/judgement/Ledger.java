package se.bidragskoll.judgement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import se.bidragskoll.model.LedgerLine;

/**
 * The dossier's ledger as one fact: the lines, grouped by what the rules test ({@link LedgerGroup},
 * inserted as facts of their own), and the sums that conditions compare, built in one linear pass
 * ({@link Builder}) so that judging a million lines does not mean a million facts.
 *
 * <p>A streamed ledger ({@link StreamedLedgerJudge}) holds no lines at all: its groups carry counts
 * and totals only, until the lines of the groups some rule reads are loaded in a second pass.
 */
public final class Ledger {

    private final BigDecimal chargedInPeriod;
    private final int chargedCount;
    private final LedgerLine firstCharged;
    /** Costs booked on the grant's object per unit and day: bounded by units × days, not by lines. */
    private final Map<String, TreeMap<LocalDate, BigDecimal>> dailyByUnit;
    private final Map<String, TreeMap<LocalDate, BigDecimal>> runningByUnit = new ConcurrentHashMap<>();
    private final List<List<LedgerLine>> duplicates;
    private final List<LedgerGroup> groups;
    private final List<NetPosition> positions;
    private final int unitlessOnObject;

    record VoucherLine(String voucher, int line) {
    }

    private Ledger(Builder from, List<LedgerGroup> groups, List<List<LedgerLine>> duplicates) {
        this.chargedInPeriod = from.charged;
        this.chargedCount = from.chargedCount;
        this.firstCharged = from.first;
        this.dailyByUnit = from.dailyByUnit;
        this.groups = groups;
        this.duplicates = duplicates;
        List<NetPosition> nets = new ArrayList<>(from.nets.size());
        from.nets.forEach((k, v) -> nets.add(new NetPosition(k.kind(), k.object(), k.measure(), k.unit(), v.net,
                v.debits, v.credits)));
        this.positions = List.copyOf(nets);
        this.unitlessOnObject = from.unitlessOnObject;
    }

    /** The ledger of lines held in memory: groups with their lines, duplicates found by hashing. */
    public static Ledger of(List<LedgerLine> lines, GrantScope scope, AgreementTerms terms) {
        Builder builder = new Builder(scope, terms, true, lines.size());
        for (LedgerLine line : lines) {
            builder.add(line);
        }
        return builder.build();
    }

    /**
     * One pass over the lines. With {@code keepLines} the groups keep their lines and duplicates are
     * found in a hash map; without, only what does not grow with the file is kept (group counts and
     * totals, sums, the first charged line, per-unit daily costs).
     */
    static final class Builder {

        private final GrantScope scope;
        private final AgreementTerms terms;
        private final boolean keepLines;
        private BigDecimal charged = BigDecimal.ZERO;
        private int chargedCount;
        private LedgerLine first;
        private long count;
        private final Map<String, TreeMap<LocalDate, BigDecimal>> dailyByUnit = new HashMap<>();
        private final Map<LedgerGroup.Key, Group> grouped = new HashMap<>();
        // Per voucher, by line number below SMALL_LINE_NUMBERS, and for other numbers per (voucher, line):
        // the line itself, or a list once the pair repeats.
        static final int SMALL_LINE_NUMBERS = 4096;
        private final Map<String, Object[]> byVoucher;
        private final Map<VoucherLine, Object> byKey;
        private final List<VoucherLine> repeatedKeys = new ArrayList<>();
        private final List<List<LedgerLine>> repeatedLines = new ArrayList<>();
        private final Map<NetPosition.Key, Net> nets = new HashMap<>();
        private int unitlessOnObject;
        private boolean summarised;

        /** A net position being summed. */
        static final class Net {
            BigDecimal net = BigDecimal.ZERO;
            int debits;
            int credits;
        }

        /**
         * A group being built: its lines (when kept), count and total, and what the sums need of its
         * lines' signs. Everything the scope asks of a line (object, measure, unit, date, whether it
         * has an amount) is the group's key, so the sums are made per group, once, in {@link #summarise}.
         */
        static final class Group {
            final List<LedgerLine> lines;
            int count;
            BigDecimal total = BigDecimal.ZERO;
            /** Lines with an amount below zero, and their sum. */
            int credits;
            BigDecimal creditTotal = BigDecimal.ZERO;
            /** Lines with an amount other than zero. */
            int nonZero;
            /** The group's first line with an amount above zero, and its place among all lines. */
            LedgerLine firstPositive;
            long firstPositiveAt;

            Group(boolean keepLines) {
                lines = keepLines ? new ArrayList<>() : null;
            }
        }

        Builder(GrantScope scope, AgreementTerms terms, boolean keepLines) {
            this(scope, terms, keepLines, 16);
        }

        /** Sized for {@code expectedLines}: the map of vouchers is rarely rehashed as it grows. */
        Builder(GrantScope scope, AgreementTerms terms, boolean keepLines, int expectedLines) {
            this.scope = scope;
            this.terms = terms;
            this.keepLines = keepLines;
            this.byVoucher = keepLines ? new HashMap<>((int) Math.min(1 << 28, Math.max(16, expectedLines / 2))) : null;
            this.byKey = keepLines ? new HashMap<>() : null;
        }

        void add(LedgerLine line) {
            count++;
            Group group = grouped.computeIfAbsent(LedgerGroup.Key.of(line), k -> new Group(keepLines));
            group.count++;
            BigDecimal amount = line.amount();
            if (amount != null) {
                group.total = group.total.add(amount);
                int sign = amount.signum();
                if (sign < 0) {
                    group.credits++;
                    group.creditTotal = group.creditTotal.add(amount);
                } else if (sign > 0 && group.firstPositive == null) {
                    group.firstPositive = line;
                    group.firstPositiveAt = count;
                }
                if (sign != 0) {
                    group.nonZero++;
                }
            }
            if (keepLines) {
                group.lines.add(line);
                if (line.voucher() != null && line.line() != null) {
                    remember(line);
                }
            }
        }

        /**
         * The sums, per group rather than per line (the same sums: addition does not depend on order):
         * eligible costs in the period; credits outside it, which give money back; the net positions
         * outside the period and on another object; lines on the object without a unit; per unit and
         * day the costs on the grant's object; and the earliest cost the grant carries (of lines on the
         * same day, the first in the file).
         */
        private void summarise() {
            if (summarised) {
                return;
            }
            summarised = true;
            long firstAt = Long.MAX_VALUE;
            for (Map.Entry<LedgerGroup.Key, Group> e : grouped.entrySet()) {
                LedgerGroup.Key k = e.getKey();
                Group g = e.getValue();
                if (!k.hasAmount() || k.date() == null) {
                    continue;
                }
                boolean onObject = scope.onObject(k.object());
                if (scope.charges(k.object(), k.measure())) {
                    if (!terms.outsideFundingPeriod(k.date())) {
                        charged = charged.add(g.total);
                        chargedCount += g.count;
                    } else {
                        // A credit outside the period gives money back: it lowers what was spent; a cost
                        // outside the period is no eligible cost, and is judged net by the funding period.
                        charged = charged.add(g.creditTotal);
                        net(k.date().isBefore(terms.fundingPeriodStart()) ? NetPosition.Kind.BEFORE_PERIOD
                                : NetPosition.Kind.AFTER_PERIOD, k, g);
                    }
                    if (g.firstPositive != null && (first == null || k.date().isBefore(first.date())
                            || k.date().equals(first.date()) && g.firstPositiveAt < firstAt)) {
                        first = g.firstPositive;
                        firstAt = g.firstPositiveAt;
                    }
                }
                if (scope.hasCostObject() && scope.inPlan(k.measure()) && !onObject) {
                    net(NetPosition.Kind.WRONG_OBJECT, k, g);
                }
                if (onObject && k.unit() == null) {
                    unitlessOnObject += g.nonZero;
                }
                if (onObject && k.unit() != null) {
                    dailyByUnit.computeIfAbsent(k.unit(), u -> new TreeMap<>()).merge(k.date(), g.total, BigDecimal::add);
                }
            }
        }

        private void net(NetPosition.Kind kind, LedgerGroup.Key key, Group g) {
            Net n = nets.computeIfAbsent(new NetPosition.Key(kind, key.object(), key.measure(), key.unit()),
                    k -> new Net());
            n.net = n.net.add(g.total);
            n.credits += g.credits;
            n.debits += g.count - g.credits;
        }

        private void remember(LedgerLine line) {
            int number = line.line();
            if (number >= 0 && number < SMALL_LINE_NUMBERS) {
                // As a voucher has few lines: per voucher an array by line number, not a map entry per line.
                Object[] lines = byVoucher.get(line.voucher());
                if (lines == null || lines.length <= number) {
                    Object[] grown = new Object[Math.max(8, Integer.highestOneBit(number) * 2)];
                    if (lines != null) {
                        System.arraycopy(lines, 0, grown, 0, lines.length);
                    }
                    lines = grown;
                    byVoucher.put(line.voucher(), lines);
                }
                Object seen = lines[number];
                if (seen == null) {
                    lines[number] = line;
                } else {
                    lines[number] = repeated(new VoucherLine(line.voucher(), number), seen, line);
                }
                return;
            }
            VoucherLine key = new VoucherLine(line.voucher(), number);
            Object seen = byKey.putIfAbsent(key, line);
            if (seen != null) {
                byKey.put(key, repeated(key, seen, line));
            }
        }

        /** The lines of a repeated (voucher, line) pair with {@code line} added; a new pair is listed in order. */
        private List<LedgerLine> repeated(VoucherLine key, Object seen, LedgerLine line) {
            if (seen instanceof LedgerLine firstSeen) {
                List<LedgerLine> same = new ArrayList<>(2);
                same.add(firstSeen);
                same.add(line);
                repeatedKeys.add(key);
                repeatedLines.add(same);
                return same;
            }
            @SuppressWarnings("unchecked")
            List<LedgerLine> same = (List<LedgerLine>) seen;
            same.add(line);
            return same;
        }

        long count() {
            return count;
        }

        /** The ledger of kept lines. */
        Ledger build() {
            if (!keepLines) {
                throw new IllegalStateException("the lines were not kept");
            }
            summarise();
            List<List<LedgerLine>> dups = new ArrayList<>(repeatedLines.size());
            for (List<LedgerLine> same : repeatedLines) {
                dups.add(List.copyOf(same));
            }
            List<LedgerGroup> groups = new ArrayList<>(grouped.size());
            grouped.forEach((k, g) -> groups.add(k.group(List.copyOf(g.lines), g.total)));
            return new Ledger(this, groups, dups);
        }

        /**
         * The ledger of a streamed pass: each group's lines are those in {@code loaded} where given, else
         * {@link PendingLines} that note which groups the rules read. {@code strict} pending lines fail
         * when read (the second run, which must read only what the first asked for).
         */
        Ledger build(Map<LedgerGroup.Key, List<LedgerLine>> loaded, List<List<LedgerLine>> duplicates,
                     boolean strict, Map<LedgerGroup.Key, PendingLines> pending) {
            summarise();
            List<LedgerGroup> groups = new ArrayList<>(grouped.size());
            grouped.forEach((k, g) -> {
                List<LedgerLine> lines = loaded.get(k);
                if (lines == null) {
                    PendingLines p = new PendingLines(g.count, strict);
                    pending.put(k, p);
                    lines = p;
                }
                groups.add(k.group(lines, g.total));
            });
            return new Ledger(this, groups, duplicates);
        }
    }

    /** The lines grouped by what the rules test; the evaluator inserts them as facts. */
    public List<LedgerGroup> getGroups() {
        return groups;
    }

    /**
     * Where the grant's lines sit outside the funding period or on another object than the grant's,
     * net of credits, per object, measure and unit; the evaluator inserts them as facts.
     */
    public List<NetPosition> getPositions() {
        return positions;
    }

    /** Eligible costs: lines the grant carries, dated inside the funding period, less credits outside it. */
    public BigDecimal getChargedInPeriod() {
        return chargedInPeriod;
    }

    public int getChargedCount() {
        return chargedCount;
    }

    /** The earliest dated cost (not a credit) the grant carries, or {@code null}. */
    public LedgerLine getFirstCharged() {
        return firstCharged;
    }

    /** Groups of lines that share one (voucher, line) pair. */
    public List<List<LedgerLine>> getDuplicates() {
        return duplicates;
    }

    /** The days on which costs for {@code unit} are booked on the grant's object. */
    public java.util.SortedSet<LocalDate> bookingDates(String unit) {
        TreeMap<LocalDate, BigDecimal> daily = dailyByUnit.get(unit);
        return daily == null ? new java.util.TreeSet<>() : daily.navigableKeySet();
    }

    /** Lines with an amount on the grant's object that name no unit: drawdowns cannot be tied to them. */
    public int getUnitlessOnObject() {
        return unitlessOnObject;
    }

    /** Costs booked on the grant's object for {@code unit} up to and including {@code date}. */
    public BigDecimal bookedFor(String unit, LocalDate date) {
        TreeMap<LocalDate, BigDecimal> daily = dailyByUnit.get(unit);
        if (daily == null) {
            return BigDecimal.ZERO;
        }
        Map.Entry<LocalDate, BigDecimal> through = runningByUnit.computeIfAbsent(unit, u -> running(daily))
                .floorEntry(date);
        return through == null ? BigDecimal.ZERO : through.getValue();
    }

    /** Built only when drawdowns are judged: the unit's running totals by day. */
    private static TreeMap<LocalDate, BigDecimal> running(TreeMap<LocalDate, BigDecimal> daily) {
        TreeMap<LocalDate, BigDecimal> running = new TreeMap<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<LocalDate, BigDecimal> day : daily.entrySet()) {
            sum = sum.add(day.getValue());
            running.put(day.getKey(), sum);
        }
        return running;
    }
}
