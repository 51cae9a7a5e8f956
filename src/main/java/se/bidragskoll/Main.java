package se.bidragskoll;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import se.bidragskoll.cli.Commands;

/**
 * The packaged application: without arguments it starts the service; with any ({@code check},
 * {@code test}, {@code replay}, {@code catalogue}, {@code judge}, {@code --help}) it runs that command
 * and exits, without starting anything.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        // H2's server (AUTO_SERVER, for `replay` while the service runs) on the loopback interface only.
        H2Files.bindToLoopback();
        if (Commands.isCommand(args)) {
            // The service is not started, so its logging is not configured either: until it is, every
            // record of every level would be queued in memory (the rule engine traces each fact it
            // inserts). A command speaks for itself; only warnings and errors are kept.
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
            System.exit(Commands.run(args, System.out, System.err));
        }
        // Before H2 creates anything: the database folder is the owner's alone.
        String url = System.getProperty("quarkus.datasource.jdbc.url",
                System.getenv().getOrDefault("BIDRAGSKOLL_DB_URL", "jdbc:h2:file:./data/bidragskoll;AUTO_SERVER=TRUE"));
        H2Files.makePrivate(url);
        // An embedded database its last process did not close (kill -9, an OOM exit) is recovered
        // here, without the pool's acquisition timeout, so that this start succeeds the first time.
        H2Files.recover(url, System.getProperty("quarkus.datasource.username", System.getenv().getOrDefault("BIDRAGSKOLL_DB_USER", "sa")),
                System.getProperty("quarkus.datasource.password", System.getenv().getOrDefault("BIDRAGSKOLL_DB_PASSWORD", "")));
        Quarkus.run(args);
    }
}
