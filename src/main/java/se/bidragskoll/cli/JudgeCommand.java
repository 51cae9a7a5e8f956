package se.bidragskoll.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.api.FieldError;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.dossier.DossierValidator;
import se.bidragskoll.judgement.Evaluator;
import se.bidragskoll.judgement.LedgerSource;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.ledger.LedgerFiles;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetException;
import se.bidragskoll.ruleset.RuleSetLoader;
import se.bidragskoll.api.DossierJson;
import se.bidragskoll.api.ProblemMappers;
import se.bidragskoll.api.SwedishDates;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.model.VoucherBalance;

/**
 * {@code judge DOSSIER.json LEDGER.csv}: judges a dossier with a ledger file of any size without a
 * service or database. The ledger is streamed (read twice, held never): memory grows with what the
 * findings name, not with the file. Writes the report as JSON; exit 0 when the dossier complies, 1
 * when it does not or cannot be fully judged, 2 on bad input.
 */
final class JudgeCommand {

    private static final ObjectMapper JSON = DossierJson.mapper();

    private JudgeCommand() {
    }

    static int run(Path rulesDir, Path dossierFile, Path ledgerFile, String language, Path reportFile,
                   PrintStream out, PrintStream err, boolean progress) {
        RuleSet rules;
        try {
            rules = RuleSetLoader.load(rulesDir);
        } catch (RuleSetException e) {
            e.problems().forEach(p -> err.println(CheckCommand.located(rulesDir, p)));
            err.println("The rules in " + rulesDir + " do not load; nothing judged.");
            return Commands.BAD_INPUT;
        }
        Locale locale = "en".equals(language) ? Locale.ENGLISH : Locale.forLanguageTag("sv");
        long start = System.nanoTime();
        Report report;
        try {
            Dossier dossier = JSON.readValue(dossierFile.toFile(), Dossier.class);
            LocalDate today = SwedishDates.today(java.time.Clock.systemUTC());
            if (ledgerFile == null) {
                // the dossier as the API takes it, its ledger lines (if any) included
                DossierValidator.check(dossier, rules);
                report = Evaluator.judge(rules, dossier, today).in(locale);
            } else {
                dossier = dossier.withLedger(null, null);
                DossierValidator.check(dossier, rules);
                // SIE 4 or CSV, by the file's content (an SIE file's first line is #FLAGGA)
                LedgerSource source = LedgerFiles.source(ledgerFile, rules.ledgerFormat(dossier.region()), null);
                if (progress) {
                    source = new Progress(source, err);
                }
                report = Evaluator.judge(rules, dossier, source, today).in(locale);
            }
        } catch (BadInputException e) {
            for (FieldError problem : e.errors()) {
                String message = problem.message().in(locale);
                // a ledger file's problems name their row and column in the message already: once is enough
                boolean named = problem.field() == null || message.startsWith(problem.field());
                err.println((named ? "" : problem.field() + ": ") + message);
            }
            return Commands.BAD_INPUT;
        } catch (JsonProcessingException e) {
            // FILE:LINE:COL: what is wrong, in plain words (Jackson's own text names its internals)
            FieldError problem = ProblemMappers.describe(e);
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            err.println(dossierFile + (at == null ? "" : ":" + Math.max(1, at.getLineNr()) + ":" + Math.max(1, at.getColumnNr()))
                    + ": " + (problem.field() == null ? "" : problem.field() + ": ") + problem.message().in(locale));
            return Commands.BAD_INPUT;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        try (OutputStream target = reportFile == null ? null : Files.newOutputStream(reportFile)) {
            JSON.writerWithDefaultPrettyPrinter().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .writeValue(target == null ? out : target, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (reportFile == null) {
            out.println();
        }
        err.printf("%s: %s, %s (%s), judged in %d ms%s%n", ledgerFile == null ? dossierFile : ledgerFile,
                report.outcome(), count(report.findings().size(), "finding", "findings"),
                count(report.summary().errors(), "error", "errors"), elapsed,
                reportFile == null ? "" : "; report in " + reportFile);
        return report.outcome() == Report.Outcome.COMPLIANT ? Commands.OK : Commands.FOUND;
    }

    /** {@code 1 error}, {@code 2 errors}. */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /**
     * The ledger as read, with a progress line on the terminal (at most one a second, overwritten in
     * place): which pass over the file, how many lines so far, and after the first pass, of how many.
     */
    static final class Progress implements LedgerSource {

        private final LedgerSource source;
        private final PrintStream err;
        private int pass;
        private long known = -1;

        Progress(LedgerSource source, PrintStream err) {
            this.source = source;
            this.err = err;
        }

        @Override
        public void forEach(java.util.function.Consumer<LedgerLine> sink) {
            pass++;
            long start = System.nanoTime();
            long[] lines = {0};
            long[] next = {start + 1_000_000_000L};
            source.forEach(line -> {
                sink.accept(line);
                if ((++lines[0] & 0x3FFF) == 0 && System.nanoTime() > next[0]) {
                    next[0] = System.nanoTime() + 1_000_000_000L;
                    err.print(line(pass, lines[0], known, (System.nanoTime() - start) / 1_000_000_000L));
                    err.flush();
                }
            });
            err.print(line(pass, lines[0], known, (System.nanoTime() - start) / 1_000_000_000L) + "\n");
            err.flush();
            known = lines[0];
        }

        /** {@code ledger pass 2: 409 600 of 3 000 000 lines (13 %), 1 s}; without a total on the first pass. */
        static String line(int pass, long lines, long total, long seconds) {
            String count = String.format(Locale.ROOT, "%,d", lines).replace(',', ' ');
            String of = total > 0 ? String.format(Locale.ROOT, " of %,d lines (%d %%)", total,
                    Math.min(100, lines * 100 / total)).replace(',', ' ') : " lines";
            return "\rledger pass " + pass + ": " + count + of + ", " + seconds + " s";
        }

        @Override
        public long expectedLines() {
            return source.expectedLines();
        }

        @Override
        public boolean wholeVouchers() {
            return source.wholeVouchers();
        }

        @Override
        public VoucherBalance voucherBalance() {
            return source.voucherBalance();
        }
    }
}
