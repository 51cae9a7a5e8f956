package se.bidragskoll.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The CSRF token of the page forms (double submit): a random value in an HttpOnly, SameSite=Strict
 * cookie that every form also carries in a hidden field; {@link PageFormGuard} refuses a form whose
 * field does not match the cookie. Templates read it as {@code {inject:csrf.token}} and
 * {@code {inject:csrf.field}}.
 */
@RequestScoped
@Named("csrf")
public class FormTokens {

    public static final String COOKIE = "bidragskoll-csrf";
    public static final String FIELD = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    RoutingContext routing;

    @Inject
    SecureCookies secureCookies;

    private String token;

    /** The token of this browser: the cookie's, or a new one set on this answer. */
    public String getToken() {
        if (token == null) {
            Cookie sent = routing.request().getCookie(COOKIE);
            if (sent != null && wellFormed(sent.getValue())) {
                token = sent.getValue();
            } else {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                routing.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT).setSecure(secureCookies.secure(routing)));
            }
        }
        return token;
    }

    public String getField() {
        return FIELD;
    }

    /**
     * The token a form must carry: the browser's cookie value, bound to its page session where it has
     * one (an HMAC of both under the session key), so that a token seen in one session is worth nothing
     * in another.
     */
    public String getBound() {
        String cookie = getToken();
        Cookie session = routing.request().getCookie(Sessions.COOKIE);
        return bound(cookie, session == null ? null : session.getValue(), key);
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.auth.session.encryption-key")
    String key;

    /** {@code cookie}, bound to the page session {@code session} (none: the cookie value itself). */
    static String bound(String cookie, String session, String key) {
        if (session == null || session.isBlank() || cookie == null) {
            return cookie;
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sum = mac.doFinal((session + "|" + cookie).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean wellFormed(String value) {
        return value != null && value.length() == 43 && value.chars().allMatch(c -> Character.isLetterOrDigit(c)
                || c == '-' || c == '_');
    }

    /** Whether the form's token is this browser's cookie, compared in constant time. */
    static boolean matches(String cookie, String field) {
        return wellFormed(cookie) && field != null
                && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.US_ASCII), field.getBytes(StandardCharsets.US_ASCII));
    }
}
