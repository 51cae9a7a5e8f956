package se.bidragskoll.ledger;

import java.util.HashMap;
import java.util.Map;

/**
 * Codes (accounts, objects, units…) repeat through a ledger: one string each, shared by every line
 * that has it, up to a bound that keeps a huge file's memory flat (past it, values are kept as read).
 */
final class Codes {

    static final int MAX = 100_000;

    private final Map<String, String> seen = new HashMap<>();

    String of(String value) {
        if (value == null) {
            return null;
        }
        String known = seen.get(value);
        if (known != null) {
            return known;
        }
        if (seen.size() < MAX) {
            seen.put(value, value);
        }
        return value;
    }
}
