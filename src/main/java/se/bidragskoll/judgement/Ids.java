package se.bidragskoll.judgement;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How codes written in a dossier (purposes, areas) are compared with the ids of an agreement file: by
 * id, whatever the case, the Swedish letters or the spaces — {@code Tillgänglighet} is
 * {@code tillganglighet}. A code that still matches nothing is reported as it was written.
 */
public final class Ids {

    private Ids() {
    }

    public static String fold(String code) {
        if (code == null) {
            return null;
        }
        String plain = Normalizer.normalize(code.trim(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
    }

    public static boolean same(String a, String b) {
        return a != null && b != null && fold(a).equals(fold(b));
    }
}
