package se.bidragskoll.ledger;

import java.math.BigDecimal;

/** Amounts in ledger files, read without regular expressions (a million lines read one each). */
final class Amounts {

    private Amounts() {
    }

    /**
     * Digits with an optional leading sign and at most two decimals after one separator; null for
     * anything else. {@code asWritten} (a CSV export: text as people write it) also takes a decimal
     * comma, space and no-break space groups before the decimals and U+2212 as minus; without it (SIE)
     * only a decimal point, and a leading plus.
     */
    static BigDecimal plain(String raw, boolean asWritten) {
        long unscaled = 0;
        int digits = 0;
        int decimals = -1;
        boolean negative = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                if (decimals >= 0 && ++decimals > 2) {
                    return null;
                }
                unscaled = unscaled * 10 + (c - '0');
                if (++digits > 17) {
                    return null;
                }
            } else if ((c == '.' || (asWritten && c == ',')) && decimals < 0 && digits > 0) {
                decimals = 0;
            } else if (asWritten && (c == ' ' || c == '\u00A0' || c == '\u202F') && decimals < 0 && digits > 0) {
                continue;
            } else if (i == 0 && (c == '-' || (asWritten ? c == '\u2212' : c == '+'))) {
                negative = c != '+';
            } else {
                return null;
            }
        }
        if (digits == 0 || decimals == 0) {
            return null;
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, Math.max(decimals, 0));
    }
}
