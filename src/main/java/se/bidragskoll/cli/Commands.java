package se.bidragskoll.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rule authors' commands: {@code check}, {@code test}, {@code replay}, {@code catalogue}; and
 * {@code judge}, a dossier with a ledger file of any size, without the service.
 */
public final class Commands {

    private static final Set<String> NAMES = Set.of("check", "test", "replay", "catalogue", "judge", "help");

    static final String USAGE = """
            Usage: java -jar target/quarkus-app/quarkus-run.jar COMMAND [ARGS]
              check [DIR]                        compile every DRL and load every YAML under DIR (default rules);
                                                 one line per problem as FILE:LINE:COL: message; exit 1 on any
              test [DIR] [--report OUT]          run every scenario under DIR, print each by name and the coverage
                                                 per condition; write junit.xml and rules.sarif into OUT
              replay [DIR] --against STORED [--user U] [--password P] [--json FILE]
                                                 judge every stored dossier (latest revision per region and
                                                 agreement) with the rules in DIR and print the findings that
                                                 would appear or disappear; STORED is a JDBC URL; exit 0
              catalogue [DIR]                    rewrite DIR/README.md's catalogue table from the rules
              judge [DIR] --dossier FILE.json --ledger FILE.csv [--lang sv|en] [--report OUT.json]
                                                 judge a dossier with a ledger file of any size, streamed
                                                 (memory grows with the findings, not the file); the report
                                                 as JSON on stdout or in OUT.json; exit 0 compliant, 1 not
                                                 (or not fully judged), 2 bad input
            Without a command the service starts.""";

    private Commands() {
    }

    public static boolean isCommand(String name) {
        return NAMES.contains(name);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        try {
            return switch (args[0]) {
                case "check" -> CheckCommand.run(dir(rest), out);
                case "test" -> RulesTestCommand.run(dir(rest), option(rest, "--report"), out);
                case "replay" -> ReplayCommand.run(dir(rest), text(rest, "--against"), text(rest, "--user"),
                        text(rest, "--password"), option(rest, "--json"), out);
                case "judge" -> JudgeCommand.run(dir(rest), option(rest, "--dossier"), option(rest, "--ledger"),
                        text(rest, "--lang"), option(rest, "--report"), out, err);
                case "catalogue" -> {
                    CatalogueCommand.main(new String[]{dir(rest).toString()});
                    yield 0;
                }
                default -> {
                    out.println(USAGE);
                    yield 0;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    /** The first argument that is not an option or an option's value; {@code rules} by default. */
    static Path dir(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).startsWith("--")) {
                i++;
                continue;
            }
            return Path.of(args.get(i));
        }
        return Path.of("rules");
    }

    static Path option(List<String> args, String name) {
        String value = text(args, name);
        return value == null ? null : Path.of(value);
    }

    static String text(List<String> args, String name) {
        int at = args.indexOf(name);
        if (at < 0) {
            return null;
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args.get(at + 1);
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.out.println(USAGE);
            return;
        }
        System.exit(run(args, System.out, System.err));
    }
}
