package se.bidragskoll.judgement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import se.bidragskoll.model.LedgerLine;

/**
 * Judges a ledger read as a stream, with memory that grows with what the rules find, not with the
 * file. Two passes over the source and two runs of the rules:
 * <ol>
 *   <li>pass 1 builds the groups with counts and totals but no lines, the sums, and spills each
 *       line's (voucher, line) fingerprint to disk ({@link DuplicateSpill});</li>
 *   <li>run 1 fires the rules on that ledger; the groups whose lines a rule reads (the breaching
 *       ones) are noted ({@link PendingLines});</li>
 *   <li>pass 2 loads the lines of those groups and of the rows whose fingerprints repeat, and the
 *       real (voucher, line) pairs decide which of those are duplicates;</li>
 *   <li>run 2 fires the rules on the same groups, now with the lines they read: its verdicts are the
 *       judgement, the same as for the ledger held in memory.</li>
 * </ol>
 */
final class StreamedLedgerJudge {

    private StreamedLedgerJudge() {
    }

    /** What a streamed judgement read and kept, for the benchmark and the log. */
    record Stats(long lines, int groups, int loadedGroups, long loadedLines, int candidateRows, int duplicates,
                 int spillFiles) {
    }

    record Result(Verdicts verdicts, Ledger ledger, Stats stats) {
    }

    static Result judge(LedgerSource source, GrantScope scope, AgreementTerms terms, Function<Ledger, Verdicts> fire) {
        Ledger.Builder builder = new Ledger.Builder(scope, terms, false);
        int[] candidates;
        int spillFiles;
        try (DuplicateSpill spill = new DuplicateSpill(source.expectedLines())) {
            spillFiles = spill.partitions();
            source.forEach(line -> {
                builder.add(line);
                spill.add(line);
            });
            candidates = spill.candidateRows();
        }

        Map<LedgerGroup.Key, PendingLines> pending = new HashMap<>();
        fire.apply(builder.build(Map.of(), List.of(), false, pending));
        Map<LedgerGroup.Key, List<LedgerLine>> loaded = new HashMap<>();
        pending.forEach((key, lines) -> {
            if (lines.wanted()) {
                loaded.put(key, new ArrayList<>(lines.size()));
            }
        });

        Map<Ledger.VoucherLine, List<LedgerLine>> candidateLines = new LinkedHashMap<>();
        long[] loadedLines = {0};
        if (!loaded.isEmpty() || candidates.length > 0) {
            source.forEach(line -> {
                if (!loaded.isEmpty()) {
                    List<LedgerLine> lines = loaded.get(LedgerGroup.Key.of(line));
                    if (lines != null) {
                        lines.add(line);
                        loadedLines[0]++;
                    }
                }
                if (candidates.length > 0 && line.row() != null && Arrays.binarySearch(candidates, line.row()) >= 0) {
                    candidateLines.computeIfAbsent(new Ledger.VoucherLine(line.voucher(), line.line()),
                            k -> new ArrayList<>(2)).add(line);
                }
            });
        }
        List<List<LedgerLine>> duplicates = new ArrayList<>();
        for (List<LedgerLine> same : candidateLines.values()) {
            if (same.size() > 1) {
                duplicates.add(List.copyOf(same));
            }
        }
        loaded.replaceAll((key, lines) -> List.copyOf(lines));
        Ledger ledger = builder.build(loaded, duplicates, true, new HashMap<>());
        Verdicts verdicts = fire.apply(ledger);
        return new Result(verdicts, ledger, new Stats(builder.count(), pending.size(), loaded.size(), loadedLines[0],
                candidates.length, duplicates.size(), spillFiles));
    }
}
