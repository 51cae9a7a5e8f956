package se.bidragskoll.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import se.bidragskoll.judgement.LedgerSource;
import se.bidragskoll.ledger.LedgerCsvReader;
import se.bidragskoll.ledger.ParsedLedger;
import se.bidragskoll.ledger.SieLedgerReader;

/**
 * The ledger readers side by side on the same generated rows: the CSV export and the SIE 4 file of
 * {@link LedgerGenerator} (the SIE file also has each voucher's balancing row on a balance-sheet
 * account, which the reader reads and leaves out). Interleaved runs, each after a {@code System.gc()}:
 * a full read (scan for encoding and hash, then every line held, as {@code PUT …/ledger} reads) and a
 * streamed pass (as {@code judge --ledger} reads, nothing held), with the live heap (after each collection)
 * during the streamed SIE passes. Checks first that both give the same number of ledger lines.
 *
 * <pre>java -Xmx2g -cp ... se.bidragskoll.bench.ParseBench DIR [lines]   (default 1000000; writes or reuses DIR/ledger-N.csv and .se)</pre>
 */
public final class ParseBench {

    private static volatile Object sink;

    private ParseBench() {
    }

    public static void main(String[] args) throws IOException {
        se.bidragskoll.cli.ServiceLogging.apply();
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
        int n = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 1_000_000;
        Files.createDirectories(dir);
        Path csv = dir.resolve("ledger-" + n + ".csv");
        Path sie = dir.resolve("ledger-" + n + ".se");
        if (!Files.exists(csv)) {
            LedgerGenerator.writeCsv(n, csv);
        }
        if (!Files.exists(sie)) {
            LedgerGenerator.writeSie(n, sie, false);
        }
        long transRows;
        try (var lines = Files.lines(sie)) {
            transRows = lines.filter(l -> l.startsWith("#TRANS")).count();
        }
        ParsedLedger a = LedgerCsvReader.read(csv, null);
        ParsedLedger b = SieLedgerReader.read(sie, null);
        if (a.lines().size() != n || b.lines().size() != n) {
            System.err.println("BENCH CHECK FAILED: " + n + " rows, CSV read " + a.lines().size() + ", SIE read "
                    + b.lines().size());
            System.exit(1);
        }
        if (b.vouchers().unbalancedCount() != 0) {
            System.err.println("BENCH CHECK FAILED: the generated SIE file has " + b.vouchers().unbalancedCount() + " unbalanced vouchers");
            System.exit(1);
        }
        a = null;
        b = null;
        System.out.printf("JDK %s, %d cores, max heap %d MB; %,d ledger lines: CSV %d MB, SIE %d MB with %,d #TRANS rows "
                        + "(the ledger lines and each voucher's balancing row)%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, n,
                Files.size(csv) >> 20, Files.size(sie) >> 20, transRows);
        int warmup = 2;
        int runs = 5;
        double[][] times = new double[4][runs];
        long sieStreamPeak = 0;
        for (int i = 0; i < warmup + runs; i++) {
            double[] t = new double[4];
            System.gc();
            long t0 = System.nanoTime();
            sink = LedgerCsvReader.read(csv, null);
            t[0] = (System.nanoTime() - t0) / 1e6;
            sink = null;
            System.gc();
            t0 = System.nanoTime();
            sink = SieLedgerReader.read(sie, null);
            t[1] = (System.nanoTime() - t0) / 1e6;
            sink = null;
            System.gc();
            t0 = System.nanoTime();
            t[2] = count(LedgerCsvReader.source(csv, null), n, t0);
            System.gc();
            HeapSampler sampler = HeapSampler.start();
            t0 = System.nanoTime();
            t[3] = count(SieLedgerReader.source(sie, null), n, t0);
            sampler.stop();
            sieStreamPeak = Math.max(sieStreamPeak, sampler.peakAfterGc());
            if (i >= warmup) {
                for (int k = 0; k < 4; k++) {
                    times[k][i - warmup] = t[k];
                }
            }
        }
        for (double[] t : times) {
            Arrays.sort(t);
        }
        System.out.println();
        System.out.println("                       | CSV ms  (min–max)     | SIE ms  (min–max)     | SIE/CSV time | SIE #TRANS rows/s");
        row("read, held (PUT)", times[0], times[1], transRows);
        row("streamed pass (judge)", times[2], times[3], transRows);
        System.out.printf("live heap after GC during the streamed SIE passes (largest): %d MB%n", sieStreamPeak >> 20);
    }

    private static double count(LedgerSource source, int n, long t0) {
        long[] count = {0};
        source.forEach(l -> count[0]++);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (count[0] != n) {
            System.err.println("BENCH CHECK FAILED: streamed " + count[0] + " of " + n);
            System.exit(1);
        }
        return ms;
    }

    private static void row(String what, double[] csv, double[] sie, long transRows) {
        double c = median(csv);
        double s = median(sie);
        System.out.printf("%-22s | %7.0f  %12s | %7.0f  %12s | %12.2f | %,.0f%n", what, c,
                String.format("%.0f–%.0f", csv[0], csv[csv.length - 1]), s,
                String.format("%.0f–%.0f", sie[0], sie[sie.length - 1]), s / c, transRows / (s / 1000));
    }

    private static double median(double[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
