package se.bidragskoll.judgement;

import java.util.Collection;
import se.bidragskoll.text.Text;

/** "Did you mean …?" for a reference that does not resolve: the closest known name by edit distance. */
public final class Suggestions {

    private Suggestions() {
    }

    /** A message tail such as " (menade du PPHV?)", or empty text when nothing is close. */
    public static Text didYouMean(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(given.toUpperCase(), candidate.toUpperCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best == null || bestDistance > Math.max(1, given.length() / 2)) {
            return Text.of("", "");
        }
        return Text.of(" (menade du " + best + "?)", " (did you mean " + best + "?)");
    }

    /** Damerau–Levenshtein distance with adjacent transpositions (PPVH → PPHV is one step). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
