package se.bidragskoll.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.judgement.Evaluator;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetLoader;

/**
 * One ledger file judged from disk to report, in a JVM of its own so that its heap figures are its
 * own: streamed ({@code Evaluator.judge} with a {@code LedgerSource}: two passes, nothing held), or,
 * with {@code --held}, read into memory first (as the service does with files below
 * {@code bidragskoll.ledger.stream-above}). Checks the findings against what the generator planted,
 * then prints one table row: time, throughput, peak heap sampled, peak heap after a collection.
 *
 * <pre>java -Xmx256m -cp ... se.bidragskoll.bench.StreamBench [--held] DOSSIER.json LEDGER.csv LINES PLANTED_ROWS</pre>
 */
public final class StreamBench {

    private StreamBench() {
    }

    public static void main(String[] args) throws IOException {
        se.bidragskoll.cli.ServiceLogging.apply();
        if (args[0].equals("--header")) {
            System.out.println(HEADER);
            return;
        }
        boolean held = args[0].equals("--held");
        int at = held ? 1 : 0;
        Path dossierFile = Path.of(args[at]);
        Path ledgerFile = Path.of(args[at + 1]);
        int lines = Integer.parseInt(args[at + 2]);
        int plantedRows = Integer.parseInt(args[at + 3]);
        RuleSet rules = RuleSetLoader.load(Path.of(System.getProperty("bidragskoll.rules.dir", "rules")));
        Dossier dossier = new ObjectMapper().registerModule(new JavaTimeModule())
                .readValue(dossierFile.toFile(), Dossier.class).withLedger(null);

        System.gc();
        HeapSampler sampler = HeapSampler.start();
        long start = System.nanoTime();
        Report report;
        // CSV or SIE 4, told by the content as judge --ledger tells it
        boolean sie = se.bidragskoll.ledger.LedgerFiles.isSie(ledgerFile, null);
        if (held) {
            se.bidragskoll.ledger.ParsedLedger parsed = se.bidragskoll.ledger.LedgerFiles.read(ledgerFile, null, null);
            report = Evaluator.judge(rules, dossier.withLedger(parsed.lines(), parsed.vouchers()),
                    LedgerGenerator.AS_OF).swedish();
        } else {
            report = Evaluator.judge(rules, dossier, se.bidragskoll.ledger.LedgerFiles.source(ledgerFile, null, null),
                    LedgerGenerator.AS_OF).swedish();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.stop();

        Map<String, Integer> planted = new java.util.HashMap<>(LedgerGenerator.planted(Math.min(lines, plantedRows)));
        if (sie) {
            planted.put("DATA-LEDGER-DUPLICATE", 0); // SIE numbers a voucher's rows by their place: no pair repeats
        }
        Map<String, Integer> found = new TreeMap<>();
        report.findings().forEach(f -> found.merge(f.code(), 1, Integer::sum));
        for (String code : LedgerGenerator.PLANTED_CODES) {
            if (!planted.get(code).equals(found.getOrDefault(code, 0))) {
                System.err.printf("BENCH CHECK FAILED: %s planted %d, found %d%n", code, planted.get(code),
                        found.getOrDefault(code, 0));
                System.exit(1);
            }
        }
        long namedLines = report.findings().stream().flatMap(f -> f.facts().stream())
                .filter(f -> f.type().equals("ledger")).count();
        System.out.printf("   %-12s | %,11d | %,7d | %6d | %8.1f | %,11.0f | %,8d | %,16d | %,10d | %,13d%n",
                (held ? "held" : "streamed") + (sie ? " SIE" : ""), lines, Files.size(ledgerFile) >> 20, Runtime.getRuntime().maxMemory() >> 20,
                seconds, lines / seconds, report.findings().size(), namedLines, sampler.peak() >> 20,
                sampler.peakAfterGc() >> 20);
    }

    /** The header of the rows {@link #main} prints. */
    static final String HEADER = """
            way          |       lines | file MB | max MB |   time s |     lines/s | findings | lines they name | peak heap MB | after GC MB""";
}
