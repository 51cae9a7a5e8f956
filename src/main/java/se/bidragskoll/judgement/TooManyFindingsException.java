package se.bidragskoll.judgement;

import java.util.List;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.api.FieldError;
import se.bidragskoll.api.Limits;
import se.bidragskoll.text.Text;

/**
 * A judgement whose findings and the items they name pass {@link Limits#MAX_REPORT_ITEMS}: refused
 * ({@code 400}, nothing stored) before the report is built, naming the limit, the condition with the
 * most items and the first ledger line it named.
 */
public final class TooManyFindingsException extends BadInputException {

    TooManyFindingsException(String code, int codeItems, Integer firstRow) {
        super(List.of(new FieldError(firstRow == null ? "ledger" : "rad " + firstRow, Text.of(
                (firstRow == null ? "" : "rad " + firstRow + ": ") + "Bedömningen ger fler än "
                        + Limits.MAX_REPORT_ITEMS + " avvikelser och poster de nämner (gränsen för en rapport), "
                        + codeItems + " av dem för " + code
                        + ": rätta filen (eller huvudboken) och skicka den igen.",
                (firstRow == null ? "" : "line " + firstRow + ": ") + "The judgement gives more than "
                        + Limits.MAX_REPORT_ITEMS + " findings and items they name (the limit of a report), "
                        + codeItems + " of them for " + code
                        + ": mend the file (or the ledger) and send it again."))));
    }

    /** {@code e} or the exception of this kind it was caused by (a rule's consequence wraps it). */
    static RuntimeException unwrap(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TooManyFindingsException found) {
                return found;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return e;
    }
}
