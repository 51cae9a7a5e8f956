package se.bidragskoll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the embedded H2 database to this machine's user: its server (which {@code AUTO_SERVER}
 * starts so that {@code replay} can read the database while the service runs) listens on the
 * loopback interface only, and its folder and files are the owner's alone (700 and 600), since
 * the lock file holds the key to that server.
 */
@jakarta.enterprise.context.ApplicationScoped
public class H2Files {

    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.jdbc.url")
    java.util.Optional<String> url;

    /**
     * Once the service has opened the database: its files as well as its folder are the owner's, and
     * stay so — H2 writes its lock and trace files anew whenever it reopens the database, with the
     * process's umask, so the folder is watched and every file that appears in it is made 600.
     */
    void atStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        url.ifPresent(u -> {
            makePrivate(u);
            keepPrivate(folder(u));
        });
    }

    /**
     * Watches {@code folder} (inotify on Linux) and makes every regular file created or replaced in it
     * the owner's alone, on a daemon thread for the life of the process. Nothing when there is no folder
     * or no POSIX permissions.
     */
    public static void keepPrivate(Path folder) {
        if (folder == null || !Files.isDirectory(folder)
                || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.nio.file.WatchService watcher;
        try {
            watcher = folder.getFileSystem().newWatchService();
            folder.register(watcher, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE,
                    java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            org.jboss.logging.Logger.getLogger(H2Files.class).warnf("The database folder %s is not watched: %s", folder, e.getMessage());
            return;
        }
        Thread thread = new Thread(() -> {
            while (true) {
                java.nio.file.WatchKey key;
                try {
                    key = watcher.take();
                } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                    return;
                }
                for (java.nio.file.WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name) {
                        Path file = folder.resolve(name);
                        try {
                            if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                                    && !Files.getPosixFilePermissions(file).equals(OWNER_FILE)) {
                                Files.setPosixFilePermissions(file, OWNER_FILE);
                            }
                        } catch (IOException gone) {
                            // the file went again (H2's temporary files do): nothing to keep private
                        }
                    } else {
                        makePrivateFiles(folder); // events were lost: look at every file
                    }
                }
                if (!key.reset()) {
                    return;
                }
            }
        }, "database-folder-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private static void makePrivateFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(file, OWNER_FILE);
                }
            }
        } catch (IOException e) {
            // next event again
        }
    }

    /** Called before H2 is loaded: H2 reads {@code h2.bindAddress} once. */
    public static void bindToLoopback() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /**
     * Makes the folder of an H2 file database private (creating it if need be) and its files too. A
     * URL that is not an H2 file database is left alone.
     */
    public static void makePrivate(String jdbcUrl) {
        // (every regular file of the folder: H2 names its files *.db, and nothing else belongs there)
        Path folder = folder(jdbcUrl);
        if (folder == null || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            if (!Files.exists(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            }
            Files.setPosixFilePermissions(folder, OWNER_DIR);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.setPosixFilePermissions(file, OWNER_FILE);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the database folder " + folder + " private", e);
        }
    }

    /**
     * Brings an H2 file database that its last process did not close (killed, or ended by
     * {@code -XX:+ExitOnOutOfMemoryError}) back before the connection pool opens it: one connection,
     * opened and closed here without a time limit. Such a database is known by its lock file, left
     * behind. H2 then waits out the stale lock (2–4 s) and rolls back what the dead process had not
     * committed (a killed ledger import: seconds more), longer than the pool's acquisition timeout
     * (5 s), which interrupted the open and failed the start (issue 27: "Acquisition timeout",
     * "FileLock … sleep interrupted", a write of H2 interrupted mid-file). Once closed here, the
     * database is whole and unlocked, and the pool's open takes a moment. A database still open in
     * another process of this user (AUTO_SERVER) is only connected to; any failure is left to the
     * start to report.
     */
    public static void recover(String jdbcUrl, String user, String password) {
        Path folder = folder(jdbcUrl);
        if (folder == null) {
            return;
        }
        String file = jdbcUrl.substring(jdbcUrl.indexOf(':', "jdbc:h2".length()) + 1).split(";", 2)[0];
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        Path lock = folder.resolve(Path.of(file).getFileName() + ".lock.db");
        if (!Files.exists(lock)) {
            return;
        }
        org.jboss.logging.Logger log = org.jboss.logging.Logger.getLogger(H2Files.class);
        long start = System.nanoTime();
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", user == null ? "" : user);
        credentials.setProperty("password", password == null ? "" : password);
        try (java.sql.Connection c = new org.h2.Driver().connect(jdbcUrl, credentials)) {
            log.infof("The database %s was left open by its last process (%s); opened and closed in %d ms before the start",
                    file, lock.getFileName(), (System.nanoTime() - start) / 1_000_000);
        } catch (java.sql.SQLException e) {
            log.warnf("The database %s was left open by its last process and could not be opened before the start: %s",
                    file, e.getMessage());
        }
    }

    /** {@code jdbc:h2:file:./data/bidragskoll;AUTO_SERVER=TRUE} → {@code ./data}; null for anything else. */
    public static Path folder(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        String rest;
        if (jdbcUrl.startsWith("jdbc:h2:file:")) {
            rest = jdbcUrl.substring("jdbc:h2:file:".length());
        } else if (jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:mem:")
                && !jdbcUrl.startsWith("jdbc:h2:tcp:") && !jdbcUrl.startsWith("jdbc:h2:ssl:")
                && !jdbcUrl.startsWith("jdbc:h2:zip:")) {
            rest = jdbcUrl.substring("jdbc:h2:".length());
        } else {
            return null;
        }
        String file = rest.split(";", 2)[0];
        if (file.startsWith("~")) {
            file = System.getProperty("user.home") + file.substring(1);
        }
        Path parent = Path.of(file).toAbsolutePath().normalize().getParent();
        return parent;
    }
}
