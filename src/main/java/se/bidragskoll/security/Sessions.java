package se.bidragskoll.security;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.bidragskoll.text.Sha256;

/**
 * The login sessions of the pages, held by the server so that logging out ends them. Quarkus' form
 * login keeps the session in an encrypted cookie only, so a copy of that cookie would outlive a
 * logout; each login therefore also gets a random session id (cookie {@value #COOKIE}) that this
 * store knows until logout or {@code quarkus.http.auth.form.timeout} without use. A page request
 * whose id is unknown, ended or another user's is logged out ({@link PageSessionGuard}).
 * <p>
 * Held in the database (table {@code page_session}, plain JDBC), so every instance on it honours a
 * login made on another and a logout ends the session everywhere; a restart keeps users logged in.
 * Rows are keyed by the SHA-256 of the id, never the id. The store is bounded: a login beyond
 * {@code bidragskoll.sessions.max} open sessions ends the least recently used. {@code last_seen} is
 * written at most once a {@link #TOUCH_EVERY} per session, not on every request.
 * <p>
 * Every method blocks on the database and refuses to run on a Vert.x event-loop thread: callers run
 * it on a worker ({@link SessionOpener} through the security layer's {@code runBlocking},
 * {@link PageSessionGuard} through {@code executeBlocking} when it is not on one already).
 */
@ApplicationScoped
public class Sessions {

    public static final String COOKIE = "bidragskoll-session";
    /** How stale {@code last_seen} may get before a use writes it again. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "quarkus.http.auth.form.timeout", defaultValue = "PT30M")
    Duration timeout;

    /** Bounds the store: a login beyond this many open sessions ends the least recently used. */
    @ConfigProperty(name = "bidragskoll.sessions.max", defaultValue = "10000")
    int max;

    /** A new session of {@code user}: its id, to be sent as the {@value #COOKIE} cookie. */
    public String open(String user) {
        onWorker();
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OffsetDateTime now = now();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement idle = c.prepareStatement("DELETE FROM page_session WHERE last_seen < ?")) {
                idle.setObject(1, now.minus(timeout));
                idle.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO page_session (id_hash, user_name, created_at, last_seen) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, hash(id));
                insert.setString(2, user);
                insert.setObject(3, now);
                insert.setObject(4, now);
                insert.executeUpdate();
            }
            long open;
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM page_session");
                 ResultSet rs = count.executeQuery()) {
                rs.next();
                open = rs.getLong(1);
            }
            if (open > max) {
                try (PreparedStatement oldest = c.prepareStatement("DELETE FROM page_session WHERE id_hash IN "
                        + "(SELECT id_hash FROM page_session WHERE id_hash <> ? ORDER BY last_seen, created_at LIMIT ?)")) {
                    oldest.setString(1, hash(id));
                    oldest.setLong(2, open - max);
                    oldest.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("page session not stored: " + e.getMessage(), e);
        }
        return id;
    }

    /** Whether {@code id} is an open session of {@code user}; a use keeps it open. */
    public boolean isOpen(String id, String user) {
        if (id == null || user == null || id.isEmpty() || id.length() > 200) {
            return false;
        }
        onWorker();
        String key = hash(id);
        OffsetDateTime now = now();
        try (Connection c = db.getConnection()) {
            String owner;
            Instant lastSeen;
            try (PreparedStatement read = c.prepareStatement("SELECT user_name, last_seen FROM page_session WHERE id_hash = ?")) {
                read.setString(1, key);
                try (ResultSet rs = read.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    owner = rs.getString(1);
                    lastSeen = rs.getObject(2, OffsetDateTime.class).toInstant();
                }
            }
            if (lastSeen.plus(timeout).isBefore(now.toInstant())) {
                delete(c, key);
                return false;
            }
            if (!owner.equals(user)) {
                return false;
            }
            if (lastSeen.plus(TOUCH_EVERY).isBefore(now.toInstant())) {
                try (PreparedStatement touch = c.prepareStatement("UPDATE page_session SET last_seen = ? WHERE id_hash = ?")) {
                    touch.setObject(1, now);
                    touch.setString(2, key);
                    touch.executeUpdate();
                }
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("page session not read: " + e.getMessage(), e);
        }
    }

    /** Ends the session {@code id} on every instance. */
    public void close(String id) {
        if (id == null || id.isEmpty()) {
            return;
        }
        onWorker();
        try (Connection c = db.getConnection()) {
            delete(c, hash(id));
        } catch (SQLException e) {
            throw new IllegalStateException("page session not ended: " + e.getMessage(), e);
        }
    }

    /** How many sessions the store holds (open or not yet pruned). */
    public long count() {
        onWorker();
        try (Connection c = db.getConnection();
             PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM page_session");
             ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Connection c, String key) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM page_session WHERE id_hash = ?")) {
            delete.setString(1, key);
            delete.executeUpdate();
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The stored key of a session id: hex SHA-256 (the id has 256 random bits, so no salt is needed). */
    static String hash(String id) {
        return Sha256.hex(id);
    }

    /** Database work blocks: never on an event-loop thread (the IO threads serve every request). */
    private static void onWorker() {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("page sessions are read and written on a worker thread, not on "
                    + Thread.currentThread().getName());
        }
    }

    /** The Set-Cookie value of a session id (or of its removal when {@code id} is null). */
    public static String cookie(String id, boolean secure) {
        return COOKIE + "=" + (id == null ? "" : id) + "; Path=/; HttpOnly; SameSite=Strict"
                + (id == null ? "; Max-Age=0" : "") + (secure ? "; Secure" : "");
    }

}
