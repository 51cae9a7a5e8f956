package se.bidragskoll.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The page sessions in the database: through the real login form, the page guard and the logout. */
@QuarkusTest
class SessionStoreTest {

    @Inject
    Sessions sessions;

    @Inject
    AgroalDataSource db;

    @Inject
    Vertx vertx;

    @org.junit.jupiter.api.BeforeEach
    void anonymous() {
        io.restassured.RestAssured.authentication = io.restassured.RestAssured.DEFAULT_AUTH;
    }

    private static Map<String, String> login(String user) {
        Response login = given().contentType(ContentType.URLENC).formParam("j_username", user)
                .formParam("j_password", user).redirects().follow(false).post("/j_security_check");
        login.then().statusCode(302).cookie("bidragskoll", notNullValue()).cookie(Sessions.COOKIE, notNullValue());
        return Map.of("bidragskoll", login.cookie("bidragskoll"), Sessions.COOKIE, login.cookie(Sessions.COOKIE));
    }

    @Test
    void shouldStoreTheLoginFormsSessionByItsHashAndEndItOnLogout() throws Exception {
        Map<String, String> session = login("styrgrupp");
        String id = session.get(Sessions.COOKIE);
        assertEquals(1, rows("SELECT COUNT(*) FROM page_session WHERE id_hash = '" + Sessions.hash(id) + "' AND user_name = 'styrgrupp'"));
        assertEquals(0, rows("SELECT COUNT(*) FROM page_session WHERE id_hash = '" + id + "'"), "the id itself is not stored");
        given().cookies(session).redirects().follow(false).get("/granskning").then().statusCode(200);
        given().cookies(session).redirects().follow(false).get("/").then().statusCode(200);

        se.bidragskoll.TestUsers.pageLogout(session).then().statusCode(303);
        assertEquals(0, rows("SELECT COUNT(*) FROM page_session WHERE id_hash = '" + Sessions.hash(id) + "'"));
        given().cookies(session).redirects().follow(false).get("/granskning").then().statusCode(303)
                .header("Location", containsString("/logga-in"));
    }

    @Test
    void shouldStoreNoSessionForAFailedLogin() throws Exception {
        long before = rows("SELECT COUNT(*) FROM page_session WHERE user_name = 'regelforfattare'");
        Response failed = given().contentType(ContentType.URLENC).formParam("j_username", "regelforfattare")
                .formParam("j_password", "fel").redirects().follow(false).post("/j_security_check");
        assertFalse(failed.getCookies().containsKey(Sessions.COOKIE), failed.headers().toString());
        assertEquals(before, rows("SELECT COUNT(*) FROM page_session WHERE user_name = 'regelforfattare'"));
    }

    @Test
    void shouldEndASessionIdleLongerThanTheTimeoutAndTouchLastSeenOnlyOnceAMinute() throws Exception {
        Map<String, String> session = login("kontroller-jh");
        String key = Sessions.hash(session.get(Sessions.COOKIE));
        OffsetDateTime halfMinute = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(30);
        setLastSeen(key, halfMinute);
        given().cookies(session).redirects().follow(false).get("/granskning").then().statusCode(200);
        assertEquals(halfMinute.toInstant().toEpochMilli(), lastSeen(key).toInstant().toEpochMilli(),
                "a use within the minute writes nothing");
        setLastSeen(key, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));
        given().cookies(session).redirects().follow(false).get("/granskning").then().statusCode(200);
        assertTrue(lastSeen(key).isAfter(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(30)), "an older one is written");

        setLastSeen(key, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(31));
        given().cookies(session).redirects().follow(false).get("/granskning").then().statusCode(303)
                .header("Location", containsString("/logga-in"));
        assertEquals(0, rows("SELECT COUNT(*) FROM page_session WHERE id_hash = '" + key + "'"));
    }

    @Test
    void shouldNotHonourAnotherUsersSessionId() {
        Map<String, String> mine = login("kontroller-vm");
        Map<String, String> theirs = login("styrgrupp");
        given().cookie("bidragskoll", mine.get("bidragskoll")).cookie(Sessions.COOKIE, theirs.get(Sessions.COOKIE))
                .redirects().follow(false).get("/granskning").then().statusCode(303);
    }

    @Test
    void shouldBoundTheStoreByEndingTheLeastRecentlyUsed() throws Exception {
        String first = sessions.open("bound-test");
        for (int i = 0; i < 1_010; i++) {
            sessions.open("bound-test");
        }
        String last = sessions.open("bound-test");
        assertTrue(sessions.count() <= 1_000, "at most bidragskoll.sessions.max (1000 in tests): " + sessions.count());
        assertFalse(sessions.isOpen(first, "bound-test"), "the oldest is ended");
        assertTrue(sessions.isOpen(last, "bound-test"));
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("DELETE FROM page_session WHERE user_name = 'bound-test'")) {
            p.executeUpdate();
        }
    }

    @Test
    void shouldRefuseDatabaseWorkOnAnEventLoopThread() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            try {
                sessions.isOpen("x", "styrgrupp");
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        });
        Throwable t = failure.get(10, TimeUnit.SECONDS);
        assertTrue(t instanceof IllegalStateException && t.getMessage().contains("worker"), String.valueOf(t));
    }

    private long rows(String sql) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void setLastSeen(String key, OffsetDateTime at) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement p = c.prepareStatement("UPDATE page_session SET last_seen = ? WHERE id_hash = ?")) {
            p.setObject(1, at);
            p.setString(2, key);
            assertEquals(1, p.executeUpdate());
        }
    }

    private OffsetDateTime lastSeen(String key) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT last_seen FROM page_session WHERE id_hash = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class);
            }
        }
    }
}
