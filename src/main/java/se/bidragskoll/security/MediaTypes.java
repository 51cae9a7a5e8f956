package se.bidragskoll.security;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import se.bidragskoll.api.Problem;

/**
 * What a request's {@code Content-Type} may say (RFC 9110 8.3): {@code type/subtype} of token
 * characters and {@code ;name=value} parameters (a token or a quoted string), and, when it names a
 * charset, one the service reads: UTF-8 for JSON (RFC 8259); for anything else (a form, a ledger file)
 * UTF-8 or one of the single-byte encodings the ledger readers tell from the bytes (Windows-1252 and its
 * Latin-1 and ASCII subsets, IBM 437 for SIE), never UTF-16/32 or a charset nobody knows.
 * Before, {@code ;;;/==} was a 500 and a body declared UTF-16 or {@code x-bogus-9} was read as UTF-8.
 */
final class MediaTypes {

    private static final Set<String> LEDGER_CHARSETS = Set.of("utf-8", "windows-1252", "cp1252", "iso-8859-1",
            "latin1", "us-ascii", "ibm437", "cp437");

    private MediaTypes() {
    }

    /** The 415 problem of a {@code Content-Type} the service does not take, or null when it takes it. */
    static Problem refusal(String contentType, boolean english, String path) {
        String value = contentType.strip();
        String[] parts = value.split(";", -1);
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        if (slash <= 0 || slash == type.length() - 1 || !token(type.substring(0, slash))
                || !token(type.substring(slash + 1))) {
            return malformed(value, english, path);
        }
        String charset = null;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.isEmpty() && i == parts.length - 1) {
                break; // a trailing ';' is tolerated, as browsers and HTTP libraries send it
            }
            int eq = parameter.indexOf('=');
            if (eq <= 0 || !token(parameter.substring(0, eq).strip())) {
                return malformed(value, english, path);
            }
            String name = parameter.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String v = parameter.substring(eq + 1).strip();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            } else if (!token(v)) {
                // a quoted boundary may hold ';' (split above): leave multipart's boundary to its parser
                if (!name.equals("boundary")) {
                    return malformed(value, english, path);
                }
            }
            if (name.equals("charset")) {
                charset = v.toLowerCase(Locale.ROOT);
            }
        }
        if (charset == null || charset.equals("utf-8") || charset.equals("utf8")) {
            return null;
        }
        boolean json = type.equals("application/json") || type.endsWith("+json");
        if (!json && LEDGER_CHARSETS.contains(charset)) {
            return null;
        }
        String shown = abbreviate(charset);
        return new Problem("urn:bidragskoll:problem:unsupported-charset",
                english ? "Unsupported charset" : "Teckenkodningen stöds inte", 415,
                english ? "The body is declared as " + type + " in charset '" + shown + "'; the service reads "
                        + (json ? "JSON as UTF-8 only" : "UTF-8, Windows-1252, ISO-8859-1 or IBM 437")
                        + ": send it as UTF-8 (charset=utf-8, or no charset)."
                        : "Kroppen anges som " + type + " i teckenkodningen '" + shown + "'; tjänsten läser "
                        + (json ? "JSON bara som UTF-8" : "UTF-8, Windows-1252, ISO-8859-1 eller IBM 437")
                        + ": skicka den som UTF-8 (charset=utf-8, eller ingen charset).",
                path, List.of(new Problem.Error("Content-Type", english ? "charset '" + shown + "' is not read"
                : "teckenkodningen '" + shown + "' läses inte")));
    }

    private static Problem malformed(String value, boolean english, String path) {
        String shown = abbreviate(value);
        return new Problem("urn:bidragskoll:problem:invalid-content-type",
                english ? "Invalid content type" : "Ogiltig innehållstyp", 415,
                english ? "The Content-Type \"" + shown + "\" is not a media type (type/subtype, e.g. application/json)."
                        : "Content-Type \"" + shown + "\" är ingen medietyp (typ/undertyp, t.ex. application/json).",
                path, List.of(new Problem.Error("Content-Type", english ? "not type/subtype with parameters"
                : "inte typ/undertyp med parametrar")));
    }

    /** RFC 9110 token: 1*tchar. */
    static boolean token(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean tchar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < s.length() && shown.length() < 80; i++) {
            char c = s.charAt(i);
            shown.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.length() > 80 ? shown + "…" : shown.toString();
    }
}
