package se.bidragskoll.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import se.bidragskoll.judgement.Evaluator;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.judgement.YearDossier;
import se.bidragskoll.judgement.YearEvaluator;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.model.Grant;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.model.RegionPlan;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetLoader;

/**
 * Issue 17, item 5: the region's year judged in one session, against its dossiers judged alone. Eleven
 * 2023 dossiers of Region Västmanland with 1 000 ledger lines each are judged one by one (what storing
 * them costs); then the same, plus the 50-line plan judged in one session with the eleven dossiers'
 * figures (what storing a dossier costs now that it re-judges its year). Prints the medians and their
 * ratio; the goal is at most 2x.
 *
 * <pre>java -cp ... se.bidragskoll.bench.PlanBench [runs]   (default 30, after 15 warm-up runs)</pre>
 */
public final class PlanBench {

    private static final LocalDate AS_OF = LocalDate.of(2023, 12, 31);
    private static final List<String> AGREEMENTS = List.of("kvinnors-halsa-2023", "psykisk-halsa-2023",
            "cancervard-2023", "god-och-nara-vard-2023", "okad-tillganglighet-2023", "vaccination-covid19-2023",
            "aterhamtningsbonus-2023", "vardplatser-2023");
    private static volatile Object sink;

    private PlanBench() {
    }

    public static void main(String[] args) {
        se.bidragskoll.cli.ServiceLogging.apply();
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        RuleSet rules = RuleSetLoader.load(Path.of(System.getProperty("bidragskoll.rules.dir", "rules")));
        List<Dossier> dossiers = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            dossiers.add(dossier(AGREEMENTS.get(i % AGREEMENTS.size()), i));
        }
        RegionPlan plan = plan(50);
        for (int i = 0; i < 15; i++) {
            alone(rules, dossiers);
            together(rules, dossiers, plan);
        }
        long[] alone = new long[runs];
        long[] together = new long[runs];
        for (int i = 0; i < runs; i++) {
            System.gc();
            long t = System.nanoTime();
            alone(rules, dossiers);
            alone[i] = System.nanoTime() - t;
            System.gc();
            t = System.nanoTime();
            together(rules, dossiers, plan);
            together[i] = System.nanoTime() - t;
        }
        Arrays.sort(alone);
        Arrays.sort(together);
        double a = alone[runs / 2] / 1e6;
        double b = together[runs / 2] / 1e6;
        System.out.printf("11 dossiers x 1 000 lines judged alone: median %.1f ms (min %.1f, max %.1f)%n", a,
                alone[0] / 1e6, alone[runs - 1] / 1e6);
        System.out.printf("the same plus the 50-line plan in one session with their figures: median %.1f ms "
                + "(min %.1f, max %.1f)%n", b, together[0] / 1e6, together[runs - 1] / 1e6);
        System.out.printf("ratio %.2fx (goal: at most 2x)%n", b / a);
    }

    private static List<Report> alone(RuleSet rules, List<Dossier> dossiers) {
        List<Report> reports = new ArrayList<>();
        for (Dossier d : dossiers) {
            reports.add(Evaluator.judge(rules, d, AS_OF).swedish());
        }
        sink = reports;
        return reports;
    }

    private static void together(RuleSet rules, List<Dossier> dossiers, RegionPlan plan) {
        List<Report> reports = alone(rules, dossiers);
        List<YearDossier> year = new ArrayList<>();
        for (int i = 0; i < dossiers.size(); i++) {
            Dossier d = dossiers.get(i);
            year.add(new YearDossier("d-" + i, d.agreement(), d.agreement(), 1, d.grant().grantedAmount(),
                    reports.get(i).outcome().name()));
        }
        sink = YearEvaluator.judge(rules, plan, year, AS_OF).swedish();
    }

    static Dossier dossier(String agreement, int n) {
        List<LedgerLine> ledger = new ArrayList<>();
        for (int i = 1; i <= 1_000; i++) {
            ledger.add(new LedgerLine("B " + (n * 10_000 + i / 4), i % 4 + 1, LocalDate.of(2023, 1 + i % 12, 1 + i % 28),
                    "4011", "31240", "1120", "99" + (10 + n), "VS", null, new BigDecimal(100 + i % 997 + ".50"),
                    "Kostnad " + i, null));
        }
        return new Dossier("19", agreement, AS_OF, new Grant(new BigDecimal("10000000.00"), LocalDate.of(2023, 2, 1),
                null, "99" + (10 + n), null), null, null, null, ledger, null, null, null, null);
    }

    static RegionPlan plan(int lines) {
        List<RegionPlan.Line> list = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < lines; i++) {
            BigDecimal amount = new BigDecimal("2000000.00");
            list.add(new RegionPlan.Line("Rad " + (i + 1), AGREEMENTS.get(i % AGREEMENTS.size()), amount, amount,
                    i % 5 == 0, i % 10 == 0 ? "Avvecklas 2025" : null, null));
            total = total.add(amount);
        }
        return new RegionPlan("19", 2023, AS_OF, "Hälso- och sjukvårdsförvaltningen", null, new BigDecimal("100000.00"),
                list, new RegionPlan.Totals(total, total));
    }
}
