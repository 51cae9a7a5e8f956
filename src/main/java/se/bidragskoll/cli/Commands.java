package se.bidragskoll.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The rule authors' commands: {@code check}, {@code test}, {@code replay}, {@code catalogue}; and
 * {@code judge}, a dossier with a ledger file of any size, without the service. Parsed by picocli:
 * every command has {@code --help}, unknown options are refused, and the exit codes say whether the
 * command ran and what it found.
 */
@Command(name = "java -jar target/quarkus-app/quarkus-run.jar", mixinStandardHelpOptions = true,
        version = "Bidragskoll 0.1.0",
        description = {"Bidragskoll's commands for rule authors, controllers and CI.",
                "Without a command the service starts."}, usageHelpWidth = 100,
        subcommands = {Commands.Check.class, Commands.Test.class, Commands.Replay.class, Commands.Catalogue.class,
                Commands.Judge.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
                Commands.EXIT_CODES_0, Commands.EXIT_CODES_1, Commands.EXIT_CODES_2, Commands.EXIT_CODES_3})
public final class Commands implements Runnable {

    /** Ran, and found nothing wrong. */
    public static final int OK = 0;
    /** Ran, and found something: not compliant, a rule problem, a failed scenario. */
    public static final int FOUND = 1;
    /** Did not run: a usage error, a missing or unreadable file, bad input, rules that do not load. */
    public static final int BAD_INPUT = 2;
    /** Did not run: the database could not be read, a report could not be written, an unexpected failure. */
    public static final int COULD_NOT_RUN = 3;

    static final String EXIT_CODES_0 = "0:ran; nothing found (compliant, rules in order, every scenario passed)";
    static final String EXIT_CODES_1 = "1:ran; something found (not compliant or not fully judged, a rule problem, a failed scenario)";
    static final String EXIT_CODES_2 = "2:did not run: unknown option, missing or unreadable file, bad input, rules that do not load";
    static final String EXIT_CODES_3 = "3:could not run: database unreachable, report not writable, unexpected failure";

    private PrintStream out;
    private PrintStream err;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private Commands() {
    }

    /** Whether the arguments are for a command rather than for the service: any argument at all. */
    public static boolean isCommand(String[] args) {
        return args.length > 0;
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Commands top = new Commands();
        top.out = out;
        top.err = err;
        CommandLine line = new CommandLine(top);
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println(cmd.getCommandName() + ": " + describe(e));
            return e instanceof BadInput ? BAD_INPUT : COULD_NOT_RUN;
        });
        return line.execute(args);
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof java.nio.file.NoSuchFileException nsf) {
            return nsf.getFile() + ": no such file";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command (or --help).");
    }

    /** Input the user can fix: exit 2, the message and no stack trace. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }

    static Path folder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInput(dir + ": no such folder");
        }
        return dir;
    }

    static Path file(Path file, String option) {
        if (file == null) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInput(option + " " + file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new BadInput(option + " " + file + ": not readable");
        }
        return file;
    }

    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        Commands parent;

        PrintStream out() {
            return parent.out;
        }

        PrintStream err() {
            return parent.err;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, usageHelpWidth = 100, sortOptions = false,
            description = {"Check that the rules folder compiles and loads.",
                    "Compiles every DRL and loads every YAML under DIR; one line per problem as FILE:LINE:COL: message."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the rules, parameters and scenarios are in order", "1:there are problems (listed)",
                    EXIT_CODES_2, EXIT_CODES_3})
    static final class Check extends Sub {
        @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "rules", description = "the rules folder (default: ${DEFAULT-VALUE})")
        Path dir;

        @Option(names = "--sources", paramLabel = "TEXTS", description = "a folder of source texts (seeds NNN_*.txt, "
                + "named texts); every quoted clause must occur in the text it names. May be repeated. "
                + "Default: DIR/sources, the texts that travel with the rules.")
        List<Path> sources = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            List<Path> texts = new java.util.ArrayList<>();
            for (Path s : sources) {
                texts.add(folder(s));
            }
            return CheckCommand.run(folder(dir), texts, out());
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true, usageHelpWidth = 100, sortOptions = false,
            description = {"Run the rules' scenarios.",
                    "Runs every scenario under DIR, prints each by name and the coverage per condition; "
                            + "with --report writes junit.xml and rules.sarif into OUT."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every scenario passed and coverage holds", "1:a scenario failed or coverage falls short",
                    "2:unknown option or no such folder (rule files with problems: 1, as check)", EXIT_CODES_3})
    static final class Test extends Sub {
        @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "rules", description = "the rules folder (default: ${DEFAULT-VALUE})")
        Path dir;

        @Option(names = "--report", paramLabel = "OUT", description = "folder for junit.xml and rules.sarif")
        Path report;

        @Override
        public Integer call() {
            return RulesTestCommand.run(folder(dir), report, out());
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, usageHelpWidth = 100, sortOptions = false,
            description = {"Show what the rules in DIR would change in the stored reports.",
                    "Judges every stored dossier (latest revision per region and agreement) with the rules in DIR "
                            + "and prints the findings that would appear or disappear; the same as JSON in --json."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:replayed (whatever would change)",
                    "2:unknown option, no such folder, or the rules in DIR do not load",
                    "3:the stored dossiers could not be read, or the JSON not written"})
    static final class Replay extends Sub {
        @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "rules", description = "the rules folder (default: ${DEFAULT-VALUE})")
        Path dir;

        @Option(names = "--against", paramLabel = "STORED", required = true, description = "the service's database, a JDBC URL")
        String against;

        @Option(names = "--user", paramLabel = "U", description = "database user")
        String user;

        @Option(names = "--password", paramLabel = "P", description = "database password")
        String password;

        @Option(names = "--json", paramLabel = "FILE", defaultValue = "replay.json", description = "where to write the JSON (default: ${DEFAULT-VALUE})")
        Path json;

        @Override
        public Integer call() {
            return ReplayCommand.run(folder(dir), against, user, password, json, out());
        }
    }

    @Command(name = "catalogue", mixinStandardHelpOptions = true, usageHelpWidth = 100,
            description = {"Rewrite the catalogue in DIR/README.md.",
                    "Writes DIR/README.md's catalogue table from conditions.yaml, the rules and the scenarios."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:written", EXIT_CODES_2, EXIT_CODES_3})
    static final class Catalogue extends Sub {
        @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "rules", description = "the rules folder (default: ${DEFAULT-VALUE})")
        Path dir;

        @Override
        public Integer call() throws IOException {
            Path readme = folder(dir).resolve("README.md");
            String page = Files.exists(readme) ? Files.readString(readme) : "";
            Files.writeString(readme, CatalogueCommand.render(dir, page));
            out().println("wrote " + readme);
            return OK;
        }
    }

    @Command(name = "judge", mixinStandardHelpOptions = true, usageHelpWidth = 100, sortOptions = false,
            description = {"Judge a dossier, with a ledger file of any size or the dossier's own ledger, without the service.",
                    "The ledger is streamed: memory grows with the findings, not the file. The report is the API's "
                            + "JSON, on stdout or in --report. On a terminal, a progress line on stderr."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:compliant", "1:not compliant, or not fully judged (INCOMPLETE)",
                    "2:unknown option, missing or unreadable file, bad dossier or ledger rows, rules that do not load",
                    "3:the report could not be written, or an unexpected failure"})
    static final class Judge extends Sub {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "rules", description = "the rules folder (default: ${DEFAULT-VALUE})")
        Path dir;

        // --dossier is checked in call(), not by picocli: a missing required option would hide an
        // unknown one (judge --bogus said only that --dossier was missing).
        @Option(names = "--dossier", paramLabel = "FILE.json", description = "the dossier, as the API takes it (required)")
        Path dossier;

        @Option(names = "--ledger", paramLabel = "FILE",
                description = "the ledger export, CSV or SIE 4 (told by its content: an SIE file starts with #FLAGGA), "
                        + "streamed; without it, the dossier's own ledger lines if any")
        Path ledger;

        @Option(names = "--lang", paramLabel = "sv|en", defaultValue = "sv", description = "language of the messages (default: ${DEFAULT-VALUE})")
        String language;

        @Option(names = "--report", paramLabel = "OUT.json", description = "write the report here instead of stdout")
        Path report;

        @Override
        public Integer call() {
            if (dossier == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--dossier=FILE.json'");
            }
            if (!"sv".equals(language) && !"en".equals(language)) {
                throw new BadInput("--lang must be sv or en, not " + language);
            }
            return JudgeCommand.run(folder(dir), file(dossier, "--dossier"), file(ledger, "--ledger"), language,
                    report, out(), err(), System.console() != null);
        }
    }

    public static void main(String[] args) {
        ServiceLogging.apply();
        System.exit(run(args, System.out, System.err));
    }
}
