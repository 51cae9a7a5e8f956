package se.bidragskoll.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidragskoll.H2Files;

/** The embedded database's folder stays private when H2 writes its lock and trace files anew on reopening. */
class H2FilesTest {

    @Test
    void shouldMakeFilesWrittenAfterStartTheOwnersAlone(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        String url = "jdbc:h2:file:" + data.resolve("bidragskoll") + ";AUTO_SERVER=TRUE";
        H2Files.makePrivate(url);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        H2Files.keepPrivate(H2Files.folder(url));
        // as H2 does on reopening: a new lock file and trace file with the umask's 644
        for (String name : new String[]{"bidragskoll.lock.db", "bidragskoll.trace.db"}) {
            Path file = data.resolve(name);
            Files.writeString(file, "server 127.0.0.1:9092 key");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        String lock = "";
        String trace = "";
        while (System.nanoTime() < deadline) {
            lock = PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("bidragskoll.lock.db")));
            trace = PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("bidragskoll.trace.db")));
            if (lock.equals("rw-------") && trace.equals("rw-------")) {
                break;
            }
            Thread.sleep(20);
        }
        assertEquals("rw-------", lock);
        assertEquals("rw-------", trace);
    }
}
