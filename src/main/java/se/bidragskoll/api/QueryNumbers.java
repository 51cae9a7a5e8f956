package se.bidragskoll.api;

/**
 * Whole numbers in a query string ({@code page}, {@code size}, {@code year}) read as the API reads every
 * input: a value that is no whole number in range is a 400 problem naming the parameter, not the 404 a
 * failed conversion would give.
 */
public final class QueryNumbers {

    private QueryNumbers() {
    }

    public static Integer integer(String value, String name, Integer fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw BadInputException.of(name, "'" + abbreviate(value) + "' är inget heltal från " + min + " till " + max + ".",
                "'" + abbreviate(value) + "' is no whole number from " + min + " to " + max + ".");
    }

    private static String abbreviate(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "…" : value;
    }
}
