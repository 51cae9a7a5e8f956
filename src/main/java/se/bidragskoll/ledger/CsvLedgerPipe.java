package se.bidragskoll.ledger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import se.bidragskoll.model.LedgerLine;

/**
 * A CSV ledger file read on a thread of its own while its lines are stored: {@link #open} reads the
 * bytes once (content hash, encoding, separator), {@link #start} starts reading the lines and gives
 * them in chunks as they are read, and {@link #parsed} completes with all of them when the file has
 * been read. A bad row (found at the end, with every other bad row) ends the chunks with its error,
 * so that what was stored of them is rolled back with the caller's transaction.
 */
public final class CsvLedgerPipe implements AutoCloseable {

    static final int CHUNK = 8192;
    /** Chunks read ahead of the store at most. */
    private static final int AHEAD = 32;

    private final Path file;
    private final String objectColumn;
    private final LedgerCsvReader.Format format;
    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(AHEAD);
    private final CompletableFuture<ParsedLedger> parsed = new CompletableFuture<>();
    private Thread reader;
    private volatile long readMs = -1;

    private static final Object END = new Object();

    private record Failed(RuntimeException error) {
    }

    private CsvLedgerPipe(Path file, String objectColumn, LedgerCsvReader.Format format) {
        this.file = file;
        this.objectColumn = objectColumn;
        this.format = format;
    }

    /** Reads the file's bytes once; a file that is no text fails here, before anything is stored. */
    public static CsvLedgerPipe open(Path file, String objectColumn) {
        return new CsvLedgerPipe(file, objectColumn, LedgerCsvReader.format(file, objectColumn));
    }

    public String contentHash() {
        return format.contentHash();
    }

    /** Completes with every line once the file is read; exceptionally with its bad rows. */
    public CompletableFuture<ParsedLedger> parsed() {
        return parsed;
    }

    /** How long reading the lines took, or -1 before it ended. */
    public long readMs() {
        return readMs;
    }

    /** Starts reading; the chunks block until the next is read, and throw a bad row's error. */
    public Iterator<List<LedgerLine>> start() {
        reader = new Thread(this::read, "ledger-reader");
        reader.setDaemon(true);
        reader.start();
        return new Iterator<>() {
            private Object next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = chunks.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while reading the ledger", e);
                    }
                }
                if (next instanceof Failed failed) {
                    throw failed.error();
                }
                return next != END;
            }

            @Override
            @SuppressWarnings("unchecked")
            public List<LedgerLine> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<LedgerLine> chunk = (List<LedgerLine>) next;
                next = null;
                return chunk;
            }
        };
    }

    private void read() {
        long start = System.nanoTime();
        List<LedgerLine> all = new ArrayList<>();
        List<LedgerLine>[] chunk = new List[]{new ArrayList<>(CHUNK)};
        try {
            LedgerCsvReader.parse(file, format.charset(), format.separator(), objectColumn, line -> {
                all.add(line);
                chunk[0].add(line);
                if (chunk[0].size() == CHUNK) {
                    put(chunk[0]);
                    chunk[0] = new ArrayList<>(CHUNK);
                }
            });
            put(chunk[0]);
            put(END);
            readMs = (System.nanoTime() - start) / 1_000_000;
            parsed.complete(new ParsedLedger(all, format.contentHash(), format.charset(), format.separator()));
        } catch (RuntimeException e) {
            parsed.completeExceptionally(e);
            chunks.clear();
            chunks.offer(new Failed(e));
        }
    }

    private void put(Object item) {
        try {
            chunks.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the ledger's store stopped reading", e);
        }
    }

    /** Stops the reader if the store gave up before the end. */
    @Override
    public void close() {
        if (reader != null && reader.isAlive()) {
            reader.interrupt();
        }
    }
}
