package se.bidragskoll.ledger;

/**
 * Whether bytes are well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF:
 * what the JDK's decoder refuses), one byte at a time, without decoding them.
 */
final class Utf8Check {
    private int need;
    private int lower = 0x80;
    private int upper = 0xBF;
    private boolean valid = true;

    void accept(int b) {
        if (need == 0) {
            if (b < 0x80) {
                return;
            }
            lower = 0x80;
            upper = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                if (b == 0xE0) {
                    lower = 0xA0;
                } else if (b == 0xED) {
                    upper = 0x9F;
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                if (b == 0xF0) {
                    lower = 0x90;
                } else if (b == 0xF4) {
                    upper = 0x8F;
                }
            } else {
                valid = false;
            }
            return;
        }
        if (b < lower || b > upper) {
            valid = false;
            need = 0;
            return;
        }
        lower = 0x80;
        upper = 0xBF;
        need--;
    }

    boolean valid() {
        return valid && need == 0;
    }
}
