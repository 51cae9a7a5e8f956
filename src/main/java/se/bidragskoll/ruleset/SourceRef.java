package se.bidragskoll.ruleset;

/**
 * Where a condition comes from: the document, the seed file, the quoted clause that binds it, its
 * reference (diarienummer), where in the document, what kind of source it is
 * ({@code agreement-text}, {@code decision}, {@code ordinance}, {@code regional-rule},
 * {@code summary}, {@code inferred}) and an optional address.
 */
public record SourceRef(String document, String seed, String clause, String reference, String where, String kind,
                        String url) {

    public SourceRef(String document, String seed, String clause, String reference) {
        this(document, seed, clause, reference, null, null, null);
    }

    /** This clause, with the document, seed, reference and kind of {@code whole} where it names none. */
    public SourceRef within(SourceRef whole) {
        if (whole == null) {
            return this;
        }
        return new SourceRef(document != null ? document : whole.document(), seed != null ? seed : whole.seed(),
                clause, reference != null ? reference : whole.reference(), where,
                kind != null ? kind : whole.kind(), url != null ? url : whole.url());
    }
}
