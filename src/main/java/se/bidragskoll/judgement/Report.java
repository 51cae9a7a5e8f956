package se.bidragskoll.judgement;

import se.bidragskoll.ruleset.SourceRef;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The compliance report of one dossier (API.md, "The report"), in one language: a result for every
 * condition of the catalogue, the findings with their clause and the input items behind them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(String dossier, Integer revision, String region, String regionName, String agreement,
                     LocalDate asOf, Outcome outcome, RulesetRef ruleset, Instant judgedAt, Summary summary,
                     List<ConditionResult> conditions, List<Finding> findings) {

    public enum Outcome { COMPLIANT, INCOMPLETE, NON_COMPLIANT }

    public enum Result { PASS, FAIL, CANNOT_ASSESS, NOT_YET_DUE, NOT_APPLICABLE }

    /** The rule set that judged the dossier. */
    public record RulesetRef(String version, Instant loadedAt) {
    }

    /** How one condition fared. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConditionResult(String code, String title, String family, Result result, List<String> findings,
                                  String detail, List<String> missing, LocalDate dueOn, Long daysRemaining) {
    }

    /** Where a finding's condition comes from. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String document, String clause, String seed, String reference, String where, String kind,
                         String url, String provenance, QuotedIn quotedIn) {

        /** The source as a finding of {@code region} cites it (see {@link SourceRef#citedFor}). */
        public static Source of(SourceRef s) {
            SourceRef.QuotedIn q = s.quotedIn();
            return new Source(s.document(), s.clause(), s.seed(), s.reference(), s.where(), s.kind(), s.url(),
                    s.provenance().id(), q == null ? null : new QuotedIn(q.document(), q.seed(), q.where()));
        }
    }

    /** The region's document that quotes the agreement's words (named only in that region's findings). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuotedIn(String document, String seed, String where) {
    }

    /** One breach or note, citing its clause and naming the exact input items. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Finding(String id, String code, String severity, String message, Source source, List<Fact> facts,
                          BigDecimal amount, String fingerprint, String rule) {
    }

    /** Counts for a quick look: results per kind, findings per severity, money at stake in ERROR findings. */
    public record Summary(Map<Result, Integer> results, int errors, int warnings, int infos,
                          BigDecimal amountAtStake) {

        /** The findings counted by severity; the money at stake is what the ERROR findings name. */
        public static Summary of(Map<Result, Integer> results, List<Finding> findings) {
            int errors = 0;
            int warnings = 0;
            int infos = 0;
            BigDecimal atStake = BigDecimal.ZERO;
            for (Finding f : findings) {
                switch (f.severity()) {
                    case "ERROR" -> {
                        errors++;
                        if (f.amount() != null) {
                            atStake = atStake.add(f.amount());
                        }
                    }
                    case "WARNING" -> warnings++;
                    default -> infos++;
                }
            }
            return new Summary(results, errors, warnings, infos, atStake.setScale(2));
        }

        /** NON_COMPLIANT on any ERROR; else INCOMPLETE when a condition could not be judged; else COMPLIANT. */
        public Outcome outcome(boolean cannotAssess) {
            return errors > 0 ? Outcome.NON_COMPLIANT : cannotAssess ? Outcome.INCOMPLETE : Outcome.COMPLIANT;
        }
    }

    /** The same report as stored under a dossier id and revision. */
    public Report stored(String dossierId, int revisionNumber) {
        return new Report(dossierId, revisionNumber, region, regionName, agreement, asOf, outcome, ruleset, judgedAt,
                summary, conditions, findings);
    }
}
