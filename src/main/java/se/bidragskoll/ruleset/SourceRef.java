package se.bidragskoll.ruleset;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/**
 * Where a condition comes from: the document, the seed file, the clause that binds it, its reference
 * (diarienummer), where in the document, what kind of source it is and an optional address.
 *
 * <p>{@code kind} is either the kind of the binding document, whose own words the clause is
 * ({@code agreement-text}, {@code decision}, {@code ordinance}, {@code regional-rule}, or plainly
 * {@code verbatim}), or how the words reach us: {@code quoted-in} (the binding document's words as
 * another document quotes them, named in {@code quotedIn}), {@code summary} (a named public summary's
 * own words), {@code inferred} (Bidragskoll's reading, in its own words) or {@code assumption}.
 *
 * @param date     the document's date, where a source states it
 * @param text     the source text (a file of the sources folder) that holds the clause's words, where
 *                 {@code seed} does not
 * @param quotedIn for {@code quoted-in}: the region's document that quotes the binding words
 */
public record SourceRef(String document, String seed, String clause, String reference, String where, String kind,
                        String url, LocalDate date, String text, QuotedIn quotedIn) {

    /** The document of a region that quotes an agreement's words, cited only when judging that region. */
    public record QuotedIn(String region, String document, String seed, String where, String text) {
    }

    /** How a clause's words reach the checker. */
    public enum Provenance {
        VERBATIM, QUOTED_IN, SUMMARY, INFERRED, ASSUMPTION;

        /** Words that are Bidragskoll's own (a reading or an assumption), not a quotation. */
        public boolean ownWords() {
            return this == INFERRED || this == ASSUMPTION;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The kinds a source may name. */
    public static final Set<String> KINDS = Set.of("agreement-text", "decision", "ordinance", "regional-rule",
            "verbatim", "quoted-in", "summary", "inferred", "assumption");

    public SourceRef(String document, String seed, String clause, String reference) {
        this(document, seed, clause, reference, null, null, null, null, null, null);
    }

    /** The provenance of the clause; a document kind (or none) means the document's own words. */
    public Provenance provenance() {
        if (kind == null) {
            return Provenance.VERBATIM;
        }
        return switch (kind) {
            case "quoted-in" -> Provenance.QUOTED_IN;
            case "summary" -> Provenance.SUMMARY;
            case "inferred" -> Provenance.INFERRED;
            case "assumption" -> Provenance.ASSUMPTION;
            default -> Provenance.VERBATIM;
        };
    }

    /** This clause, with the document, seed, reference, kind and date of {@code whole} where it names none. */
    public SourceRef within(SourceRef whole) {
        if (whole == null) {
            return this;
        }
        if (document != null) {
            // a document of its own: nothing of the file's document (its seed, date, address) carries over
            return new SourceRef(document, seed, clause, reference, where, kind != null ? kind : whole.kind(), url,
                    date, text, quotedIn);
        }
        return new SourceRef(whole.document(), seed != null ? seed : whole.seed(), clause,
                reference != null ? reference : whole.reference(), where, kind != null ? kind : whole.kind(),
                url != null ? url : whole.url(), date != null ? date : whole.date(),
                text != null ? text : whole.text(), quotedIn != null ? quotedIn : whole.quotedIn());
    }

    /**
     * The source as a finding of {@code region} cites it: a {@code quoted-in} source names the quoting
     * document only when it is that region's own; for any other region it cites the agreement alone.
     */
    public SourceRef citedFor(String region) {
        if (quotedIn == null || quotedIn.region() == null || quotedIn.region().equals(region)) {
            return this;
        }
        return new SourceRef(document, null, clause, reference, where, kind, url, date, null, null);
    }
}
