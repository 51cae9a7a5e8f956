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
import se.bidragskoll.dossier.Dossier;
import se.bidragskoll.dossier.DossierValidator;
import se.bidragskoll.judgement.Evaluator;
import se.bidragskoll.judgement.LedgerSource;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.ledger.LedgerCsvReader;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetException;
import se.bidragskoll.ruleset.RuleSetLoader;

/**
 * {@code judge DOSSIER.json LEDGER.csv}: judges a dossier with a ledger file of any size without a
 * service or database. The ledger is streamed (read twice, held never): memory grows with what the
 * findings name, not with the file. Writes the report as JSON; exit 0 when the dossier complies, 1
 * when it does not or cannot be fully judged, 2 on bad input.
 */
final class JudgeCommand {

    private static final ObjectMapper JSON = se.bidragskoll.dossier.DossierJson.mapper();

    private JudgeCommand() {
    }

    static int run(Path rulesDir, Path dossierFile, Path ledgerFile, String language, Path reportFile,
                   PrintStream out, PrintStream err) {
        if (dossierFile == null || ledgerFile == null) {
            throw new IllegalArgumentException("judge needs --dossier FILE.json and --ledger FILE.csv");
        }
        RuleSet rules;
        try {
            rules = RuleSetLoader.load(rulesDir);
        } catch (RuleSetException e) {
            e.problems().forEach(p -> err.println(CheckCommand.located(rulesDir, p)));
            err.println("The rules in " + rulesDir + " do not load; nothing judged.");
            return 2;
        }
        Locale locale = "en".equals(language) ? Locale.ENGLISH : Locale.forLanguageTag("sv");
        long start = System.nanoTime();
        Report report;
        try {
            Dossier dossier = JSON.readValue(dossierFile.toFile(), Dossier.class).withLedger(null);
            DossierValidator.check(dossier, rules);
            LedgerSource source = LedgerCsvReader.source(ledgerFile, rules.objectColumn(dossier.region()));
            report = Evaluator.judge(rules, dossier, source, se.bidragskoll.dossier.SwedishDates.today(java.time.Clock.systemUTC())).in(locale);
        } catch (BadInputException e) {
            for (FieldError problem : e.errors()) {
                err.println((problem.field() == null ? "" : problem.field() + ": ") + problem.message().in(locale));
            }
            return 2;
        } catch (JsonProcessingException e) {
            err.println(dossierFile + ": " + e.getOriginalMessage());
            return 2;
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
        err.printf("%s: %s, %d findings (%d errors), judged in %d ms%s%n", ledgerFile, report.outcome(),
                report.findings().size(), report.summary().errors(), elapsed,
                reportFile == null ? "" : "; report in " + reportFile);
        return report.outcome() == Report.Outcome.COMPLIANT ? 0 : 1;
    }
}
