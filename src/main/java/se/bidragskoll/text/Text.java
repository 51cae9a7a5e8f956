package se.bidragskoll.text;

import java.util.Locale;

/** A text a controller reads, in Swedish (the default) and English. */
public record Text(String sv, String en) {

    public String in(Locale locale) {
        if (locale != null && "en".equals(locale.getLanguage()) && en != null && !en.isBlank()) {
            return en;
        }
        return sv;
    }

    public static Text of(String sv, String en) {
        return new Text(sv, en);
    }
}
