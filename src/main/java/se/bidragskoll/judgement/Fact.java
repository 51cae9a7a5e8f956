package se.bidragskoll.judgement;

import com.fasterxml.jackson.annotation.JsonInclude;
import se.bidragskoll.model.LedgerLine;

/**
 * An input item behind a finding: a ledger line ({@code A 104233/2}), a measure, an allocation, a
 * drawdown, a month, or a dossier field. {@code row} locates a ledger line in its source.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fact(String type, String ref, Integer row) {

    public static Fact ledger(LedgerLine line) {
        return new Fact("ledger", line.ref(), line.row());
    }

    public static Fact of(String type, String ref) {
        return new Fact(type, ref, null);
    }
}
