package se.bidragskoll.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import se.bidragskoll.judgement.Report;

/**
 * The operators' meters, exported at {@code /q/metrics}: judgements by outcome and agreement and
 * their duration, findings by code and severity, ledger lines imported, rule reloads by result.
 * Tags are bounded: agreements and codes come from the rules folder, never from free text.
 */
@ApplicationScoped
public class Metrics {

    /** How a judgement was asked for. */
    public enum Kind { VALIDATE, SUBMIT, LEDGER }

    /** What a rule reload did. */
    public enum ReloadResult { CHANGED, UNCHANGED, FAILED }

    public static final String JUDGEMENTS = "bidragskoll.judgements";
    public static final String JUDGEMENT_DURATION = "bidragskoll.judgement.duration";
    public static final String FINDINGS = "bidragskoll.findings";
    public static final String LEDGER_LINES = "bidragskoll.ledger.lines.imported";
    public static final String RELOADS = "bidragskoll.rules.reloads";

    @Inject
    MeterRegistry registry;

    @jakarta.annotation.PostConstruct
    void register() {
        // Shown as 0 from the start, so that an alert on failed reloads has a series to watch.
        for (ReloadResult result : ReloadResult.values()) {
            reloads(result);
        }
    }

    /** One judgement: its outcome, how long the rules took, and every finding it made. */
    public void judged(Kind kind, Report report, long nanos) {
        String agreement = report.agreement() == null ? "none" : report.agreement();
        Counter.builder(JUDGEMENTS).description("Dossiers judged, by outcome, agreement and how they were sent")
                .tag("outcome", report.outcome().name()).tag("agreement", agreement).tag("kind", kind.name().toLowerCase())
                .register(registry).increment();
        Timer.builder(JUDGEMENT_DURATION).description("Time the rules took to judge a dossier")
                .tag("agreement", agreement).tag("kind", kind.name().toLowerCase())
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        for (Report.Finding finding : report.findings()) {
            Counter.builder(FINDINGS).description("Findings made, by condition code and severity")
                    .tag("code", finding.code()).tag("severity", String.valueOf(finding.severity()))
                    .register(registry).increment();
        }
    }

    /** Ledger lines stored from a file or an inline ledger. */
    public void ledgerLinesImported(String source, long lines) {
        Counter.builder(LEDGER_LINES).description("Ledger lines stored, by source (csv or sie file, or json dossier)")
                .tag("source", source).register(registry).increment(lines);
    }

    /** A rule reload asked for by a rule author. */
    public void reloaded(ReloadResult result) {
        reloads(result).increment();
    }

    private Counter reloads(ReloadResult result) {
        return Counter.builder(RELOADS).description("Rule reloads, by result")
                .tag("result", result.name().toLowerCase()).register(registry);
    }
}
