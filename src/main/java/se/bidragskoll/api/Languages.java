package se.bidragskoll.api;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;
import se.bidragskoll.text.Messages;

/**
 * Swedish unless the caller asks for English with {@code Accept-Language: en}. A header that does
 * not parse ({@code ;;;q=abc,,}) is read as leniently as it can be, never as an error.
 */
public final class Languages {

    private Languages() {
    }

    public static Locale of(HttpHeaders headers) {
        if (headers == null) {
            return Messages.SWEDISH;
        }
        try {
            for (Locale locale : headers.getAcceptableLanguages()) {
                if ("en".equals(locale.getLanguage())) {
                    return Locale.ENGLISH;
                }
                if ("sv".equals(locale.getLanguage())) {
                    return Messages.SWEDISH;
                }
            }
            return Messages.SWEDISH;
        } catch (RuntimeException malformed) {
            return of(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        }
    }

    /** The first of {@code sv} or {@code en} named in the raw header, ignoring weights; Swedish otherwise. */
    public static Locale of(String acceptLanguage) {
        if (acceptLanguage != null) {
            for (String part : acceptLanguage.split(",", 20)) {
                String tag = part.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
                if (tag.equals("en") || tag.startsWith("en-")) {
                    return Locale.ENGLISH;
                }
                if (tag.equals("sv") || tag.startsWith("sv-")) {
                    return Messages.SWEDISH;
                }
            }
        }
        return Messages.SWEDISH;
    }
}
