package se.bidragskoll;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import se.bidragskoll.cli.Commands;

/**
 * The packaged application: with a command ({@code check}, {@code test}, {@code replay},
 * {@code catalogue}) it runs that for rule authors and CI and exits; without one it starts the service.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        if (args.length > 0 && Commands.isCommand(args[0])) {
            System.exit(Commands.run(args, System.out, System.err));
        }
        Quarkus.run(args);
    }
}
