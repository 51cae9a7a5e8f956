package se.bidragskoll.judgement;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.ToLongFunction;
import se.bidragskoll.model.LedgerLine;

/**
 * Finds the rows that may repeat a (voucher, line) pair in a ledger too large to hold: each line's
 * 64-bit fingerprint and row go to one of a number of spill files on disk by the fingerprint's top
 * bits (a Grace hash partitioning), then each file alone is sorted to find fingerprints that occur
 * more than once. Memory is one file's entries (about {@value #TARGET_PER_PARTITION} at a time)
 * and the candidate rows, not the ledger. Two pairs may share a fingerprint, so candidates are only
 * candidates: the caller compares the real pairs of the candidate lines.
 */
final class DuplicateSpill implements AutoCloseable {

    static final int TARGET_PER_PARTITION = 1 << 16;
    private static final int MAX_PARTITIONS = 512;
    private static final int ENTRY_BYTES = 12;

    private final Path dir;
    private final DataOutputStream[] out;
    private final int shift;
    private final ToLongFunction<LedgerLine> fingerprint;
    private long entries;

    /** {@code expectedLines}: an estimate (an overestimate is cheap) that sets the number of spill files. */
    DuplicateSpill(long expectedLines) {
        this(expectedLines, DuplicateSpill::fingerprint);
    }

    DuplicateSpill(long expectedLines, ToLongFunction<LedgerLine> fingerprint) {
        this.fingerprint = fingerprint;
        int partitions = 1;
        while (partitions < MAX_PARTITIONS && (long) partitions * TARGET_PER_PARTITION < expectedLines) {
            partitions <<= 1;
        }
        shift = 64 - Integer.numberOfTrailingZeros(partitions);
        out = new DataOutputStream[partitions];
        try {
            dir = Files.createTempDirectory("bidragskoll-duplicates");
            for (int i = 0; i < partitions; i++) {
                out[i] = new DataOutputStream(new BufferedOutputStream(
                        Files.newOutputStream(dir.resolve(i + ".bin")), 8192));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    int partitions() {
        return out.length;
    }

    /** Notes a line; lines without voucher or line number cannot repeat a pair. */
    void add(LedgerLine line) {
        if (line.voucher() == null || line.line() == null) {
            return;
        }
        long h = fingerprint.applyAsLong(line);
        int partition = shift == 64 ? 0 : (int) (h >>> shift);
        try {
            out[partition].writeLong(h);
            out[partition].writeInt(line.row());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries++;
    }

    /** The rows whose fingerprint occurs more than once, sorted. Ends the spill: call once. */
    int[] candidateRows() {
        IntList rows = new IntList();
        try {
            for (int p = 0; p < out.length; p++) {
                out[p].close();
                Path file = dir.resolve(p + ".bin");
                int n = (int) (Files.size(file) / ENTRY_BYTES);
                long[] hashes = new long[n];
                int[] fileRows = new int[n];
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 65536))) {
                    for (int i = 0; i < n; i++) {
                        hashes[i] = in.readLong();
                        fileRows[i] = in.readInt();
                    }
                } catch (EOFException e) {
                    throw new IllegalStateException("spill file " + file + " is shorter than written", e);
                }
                Files.delete(file);
                long[] sorted = hashes.clone();
                Arrays.sort(sorted);
                Set<Long> repeated = new HashSet<>();
                for (int i = 1; i < n; i++) {
                    if (sorted[i] == sorted[i - 1]) {
                        repeated.add(sorted[i]);
                    }
                }
                if (!repeated.isEmpty()) {
                    for (int i = 0; i < n; i++) {
                        if (repeated.contains(hashes[i])) {
                            rows.add(fileRows[i]);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] result = rows.toArray();
        Arrays.sort(result);
        return result;
    }

    long entries() {
        return entries;
    }

    @Override
    public void close() {
        if (out != null) {
            for (DataOutputStream o : out) {
                if (o != null) {
                    try {
                        o.close();
                    } catch (IOException ignored) {
                        // closing what is deleted next
                    }
                }
            }
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** FNV-1a over the voucher's characters and the line number, then a 64-bit finaliser. */
    static long fingerprint(LedgerLine line) {
        long h = 0xcbf29ce484222325L;
        String voucher = line.voucher();
        for (int i = 0; i < voucher.length(); i++) {
            h = (h ^ voucher.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ 0xff) * 0x100000001b3L;
        h = (h ^ line.line()) * 0x100000001b3L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb34fe1a85ec3L;
        h ^= h >>> 33;
        return h;
    }

    /** A growing list of ints, without boxing. */
    private static final class IntList {
        private int[] items = new int[16];
        private int size;

        void add(int value) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }
}
