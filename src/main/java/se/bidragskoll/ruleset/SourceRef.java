package se.bidragskoll.ruleset;

/** Where a condition or parameter comes from: the document, the seed file, and the quoted clause. */
public record SourceRef(String document, String seed, String clause, String reference) {
}
