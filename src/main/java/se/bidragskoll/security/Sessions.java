package se.bidragskoll.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The login sessions of the pages, held by the server so that logging out ends them. Quarkus' form
 * login keeps the session in an encrypted cookie only, so a copy of that cookie would outlive a
 * logout; each login therefore also gets a random session id (cookie {@value #COOKIE}) that this
 * registry knows until logout or {@code quarkus.http.auth.form.timeout} without use. A page request
 * whose id is unknown, ended or another user's is logged out ({@link PageSessionGuard}). Held in
 * memory: a restart, or a second instance, asks users to log in again.
 */
@ApplicationScoped
public class Sessions {

    public static final String COOKIE = "bidragskoll-session";
    /** Bounds the registry: a login beyond this many open sessions ends the least recently used. */
    private static final int MAX_SESSIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> open = new ConcurrentHashMap<>();

    @ConfigProperty(name = "quarkus.http.auth.form.timeout", defaultValue = "PT30M")
    Duration timeout;

    private static final class Session {
        final String user;
        volatile long lastSeen;

        Session(String user, long now) {
            this.user = user;
            this.lastSeen = now;
        }
    }

    /** A new session of {@code user}: its id, to be sent as the {@value #COOKIE} cookie. */
    public String open(String user) {
        long now = System.currentTimeMillis();
        if (open.size() >= MAX_SESSIONS) {
            open.values().removeIf(s -> now - s.lastSeen > timeout.toMillis());
            if (open.size() >= MAX_SESSIONS) {
                open.entrySet().stream().min((a, b) -> Long.compare(a.getValue().lastSeen, b.getValue().lastSeen))
                        .ifPresent(oldest -> open.remove(oldest.getKey()));
            }
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        open.put(id, new Session(user, now));
        return id;
    }

    /** Whether {@code id} is an open session of {@code user}; a use keeps it open. */
    public boolean isOpen(String id, String user) {
        if (id == null || user == null) {
            return false;
        }
        Session s = open.get(id);
        long now = System.currentTimeMillis();
        if (s == null || !s.user.equals(user) || now - s.lastSeen > timeout.toMillis()) {
            if (s != null && now - s.lastSeen > timeout.toMillis()) {
                open.remove(id);
            }
            return false;
        }
        s.lastSeen = now;
        return true;
    }

    public void close(String id) {
        if (id != null) {
            open.remove(id);
        }
    }

    /** The Set-Cookie value of a session id (or of its removal when {@code id} is null). */
    static String cookie(String id, boolean secure) {
        return COOKIE + "=" + (id == null ? "" : id) + "; Path=/; HttpOnly; SameSite=Strict"
                + (id == null ? "; Max-Age=0" : "") + (secure ? "; Secure" : "");
    }

}
