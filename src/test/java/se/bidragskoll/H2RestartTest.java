package se.bidragskoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27, item 8: an embedded database whose process ended without closing it (here
 * {@code Runtime.halt} mid-transaction, as {@code kill -9} or an OOM exit) keeps its lock file; the
 * start recovers it ({@link H2Files#recover}) before the pool, whose 5 s acquisition timeout
 * interrupted H2 while it waited out that lock and rolled back. After it the database is closed
 * cleanly (no lock file), the unfinished transaction is gone, and an open takes a moment.
 */
class H2RestartTest {

    @Test
    void shouldRecoverADatabaseLeftOpenByAHaltedProcess(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("data/bidragskoll") + ";AUTO_SERVER=TRUE";
        Process crash = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Crash.class.getName(), url)
                .redirectErrorStream(true).start();
        String out = new String(crash.getInputStream().readAllBytes());
        assertTrue(crash.waitFor(120, TimeUnit.SECONDS));
        assertTrue(out.contains("halting"), out);
        Path lock = dir.resolve("data/bidragskoll.lock.db");
        assertTrue(Files.exists(lock), "the halted process left its lock file");

        H2Files.recover(url, "sa", "");
        assertFalse(Files.exists(lock), "recovered and closed: no lock file left");

        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            assertEquals(1, rs.getLong(1), "the committed row, not the 100 000 of the unfinished transaction");
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 3000, "the pool's open after recovery takes " + millis + " ms");
    }

    @Test
    void shouldLeaveAClosedDatabaseAndOtherUrlsAlone(@TempDir Path dir) throws Exception {
        H2Files.recover("jdbc:postgresql://127.0.0.1:5432/bidragskoll", "postgres", "");
        H2Files.recover("jdbc:h2:mem:x", "sa", "");
        String url = "jdbc:h2:file:" + dir.resolve("bidragskoll");
        H2Files.recover(url, "sa", "");
        assertFalse(Files.exists(dir.resolve("bidragskoll.mv.db")), "no database is made where none was");
    }

    /** The process that dies with its database open and a transaction unfinished. */
    public static final class Crash {
        public static void main(String[] args) throws Exception {
            Connection c = DriverManager.getConnection(args[0], "sa", "");
            c.createStatement().execute("CREATE TABLE t (id BIGINT PRIMARY KEY, text VARCHAR(100))");
            c.createStatement().execute("INSERT INTO t VALUES (0, 'committed')");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 1; i <= 100_000; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, "unfinished " + i);
                    insert.addBatch();
                    if (i % 10_000 == 0) {
                        insert.executeBatch();
                    }
                }
            }
            System.out.println("halting");
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
    }
}
