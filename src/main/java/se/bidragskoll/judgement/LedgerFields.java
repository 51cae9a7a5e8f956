package se.bidragskoll.judgement;

import java.util.ArrayList;
import java.util.List;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.text.Text;

/** Names of a ledger line's required fields, for messages about the ones that are missing. */
public final class LedgerFields {

    private LedgerFields() {
    }

    public static List<Text> missing(LedgerLine line) {
        List<Text> missing = new ArrayList<>();
        if (line.voucher() == null) {
            missing.add(Text.of("verifikation", "voucher"));
        }
        if (line.date() == null) {
            missing.add(Text.of("datum", "date"));
        }
        if (line.account() == null) {
            missing.add(Text.of("konto", "account"));
        }
        if (line.object() == null) {
            missing.add(Text.of("objekt", "object"));
        }
        if (line.amount() == null) {
            missing.add(Text.of("belopp", "amount"));
        }
        return missing;
    }
}
