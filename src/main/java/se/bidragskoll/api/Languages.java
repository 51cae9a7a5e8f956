package se.bidragskoll.api;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;
import se.bidragskoll.judgement.Messages;

/** Swedish unless the caller asks for English with {@code Accept-Language: en}. */
public final class Languages {

    private Languages() {
    }

    public static Locale of(HttpHeaders headers) {
        if (headers != null) {
            for (Locale locale : headers.getAcceptableLanguages()) {
                if ("en".equals(locale.getLanguage())) {
                    return Locale.ENGLISH;
                }
                if ("sv".equals(locale.getLanguage())) {
                    return Messages.SWEDISH;
                }
            }
        }
        return Messages.SWEDISH;
    }
}
