package se.bidragskoll.scheduling;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;
import se.bidragskoll.TestUsers;
import se.bidragskoll.review.ReviewService;

/** Waivers past their end date reopen on a schedule, one instance per run, each audited once. */
@QuarkusTest
class WaiverExpiryTest {

    private static final String OTHERS = "kontroller-ovriga";

    @Inject
    WaiverExpiry expiry;

    @Inject
    ReviewService review;

    @Inject
    Leases leases;

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void noDefaultUser() {
        io.restassured.RestAssured.authentication = io.restassured.RestAssured.DEFAULT_AUTH;
    }

    /** A finding of a dossier of region {@code region}, waived by the steering group, its waiver ended yesterday. */
    private String expiredWaiver(String region) throws Exception {
        String body = Fixtures.read(Fixtures.VASTMANLAND).replace("\"region\": \"19\"", "\"region\": \"" + region + "\"");
        String dossier = given().auth().preemptive().basic(OTHERS, OTHERS).contentType(ContentType.JSON).body(body)
                .post("/api/v1/dossiers").then().statusCode(201).extract().path("dossier");
        String finding = given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING)
                .get("/api/v1/findings?code=FIN-ALLOCATION-CEILING&size=500")
                .then().statusCode(200).extract().path("items.find { it.dossier == '" + dossier + "' }.id");
        given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING).contentType(ContentType.JSON)
                .body("{\"action\":\"WAIVE\",\"comment\":\"Till i går\",\"until\":\"2099-06-30\"}")
                .post("/api/v1/findings/" + finding + "/decisions").then().statusCode(200);
        sql("UPDATE finding SET waived_until = CURRENT_DATE - 1 WHERE id = '" + finding + "'");
        return finding;
    }

    @Test
    void shouldReopenAnExpiredWaiverOnceWhenTwoRunsMeet() throws Exception {
        String finding = expiredWaiver("25");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return review.expireWaivers();
                }));
            }
            start.countDown();
            int reopened = 0;
            for (Future<Integer> run : runs) {
                reopened += run.get();
            }
            assertEquals(1, reopened, "four transactions met; one reopened the waiver");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count("SELECT COUNT(*) FROM audit_event WHERE finding_id = '" + finding + "' AND action = 'WAIVER_EXPIRED'"));
        given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING).get("/api/v1/findings/" + finding)
                .then().statusCode(200).body("status", equalTo("OPEN"));
        assertEquals(1, count("SELECT COUNT(*) FROM audit_event WHERE finding_id = '" + finding + "' AND action = 'WAIVER_EXPIRED'"),
                "a read after the run audits nothing more");
    }

    @Test
    void shouldRunTheScheduledExpiryOnOneInstancePerRun() throws Exception {
        String finding = expiredWaiver("24");
        sql("UPDATE scheduler_lease SET taken_at = TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00', "
                + "expires_at = TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00' WHERE name = 'waiver-expiry'");
        assertTrue(expiry.run() >= 1, "the first run takes the lease and reopens the waiver");
        assertEquals(-1, expiry.run(), "a second run within the interval (another instance's) does nothing");
        assertEquals(1, count("SELECT COUNT(*) FROM audit_event WHERE finding_id = '" + finding + "' AND action = 'WAIVER_EXPIRED'"));
        assertEquals(1, count("SELECT COUNT(*) FROM audit_event WHERE finding_id = '" + finding + "' AND action = 'WAIVER_EXPIRED' AND actor = 'system'"));
    }

    @Test
    void shouldGiveALeaseToOneTakerUntilItExpires() throws Exception {
        assertTrue(leases.take("test-lease", Duration.ofMillis(300)));
        assertFalse(leases.take("test-lease", Duration.ofMillis(300)));
        Thread.sleep(400);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> takers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                takers.add(pool.submit(() -> {
                    start.await();
                    return leases.take("test-lease", Duration.ofMinutes(1));
                }));
            }
            start.countDown();
            int took = 0;
            for (Future<Boolean> t : takers) {
                took += t.get() ? 1 : 0;
            }
            assertEquals(1, took, "eight takers at once, one lease");
            assertTrue(leases.take("test-lease", Duration.ZERO), "a lease taken longer ago than the taker's own hold is free to it");
        } finally {
            pool.shutdownNow();
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(statement)) {
            assertEquals(1, p.executeUpdate(), statement);
        }
    }

    private long count(String query) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(query); ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
