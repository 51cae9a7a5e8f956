package se.bidragskoll.review;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;
import se.bidragskoll.TestUsers;

/** Findings keep their review state across resubmissions; decisions are checked and audited. */
@QuarkusTest
class ReviewTest {

    @org.junit.jupiter.api.BeforeEach
    void noDefaultUser() {
        io.restassured.RestAssured.authentication = io.restassured.RestAssured.DEFAULT_AUTH;
    }

    private static final String OTHERS = "kontroller-ovriga";

    /** Västmanland's allocations, submitted for a region of the test's own so that tests share no data. */
    private static String vastmanlandAs(String region) {
        return Fixtures.read(Fixtures.VASTMANLAND).replace("\"region\": \"19\"", "\"region\": \"" + region + "\"");
    }

    private static String submit(String body) {
        return given().auth().preemptive().basic(OTHERS, OTHERS)
                .contentType(ContentType.JSON).body(body).post("/api/v1/dossiers")
                .then().statusCode(201).extract().path("dossier");
    }

    private static String ceilingFinding(String dossier) {
        return given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING)
                .get("/api/v1/findings?code=FIN-ALLOCATION-CEILING&size=500")
                .then().statusCode(200).extract().path("items.find { it.dossier == '" + dossier + "' }.id");
    }

    private static io.restassured.response.ValidatableResponse decide(String user, String finding, String json) {
        return given().auth().preemptive().basic(user, user).contentType(ContentType.JSON).body(json)
                .post("/api/v1/findings/" + finding + "/decisions").then();
    }

    @Test
    void shouldKeepAWaiverOnARecurringFindingAndResolveItWhenItVanishes() {
        String body = vastmanlandAs("01");
        String dossier = submit(body);
        String finding = ceilingFinding(dossier);
        decide(TestUsers.STEERING, finding, "{\"action\":\"WAIVE\",\"comment\":\"Beslut i styrgruppen: fördelas om i december\",\"until\":\"2099-06-30\"}")
                .statusCode(200).body("status", equalTo("WAIVED"));

        submit(body);
        given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING).get("/api/v1/findings/" + finding)
                .then().statusCode(200).body("status", equalTo("WAIVED")).body("lastRevision", equalTo(2));

        submit(body.replace("12864000.00", "11784000.00"));
        given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING).get("/api/v1/findings/" + finding)
                .then().statusCode(200).body("status", equalTo("RESOLVED"));
        given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING)
                .get("/api/v1/findings/" + finding + "/history")
                .then().statusCode(200)
                .body("action", equalTo(List.of("OPENED", "WAIVE", "RESOLVED")))
                .body("find { it.action == 'WAIVE' }.actor", equalTo("styrgrupp"))
                .body("find { it.action == 'WAIVE' }.previousStatus", equalTo("OPEN"))
                .body("find { it.action == 'RESOLVED' }.revision", equalTo(3))
                .body("rulesetVersion", everyItem(org.hamcrest.Matchers.startsWith("sha256:")));
    }

    @Test
    void shouldRejectBadDecisionsAndChangeNothing() {
        String finding = ceilingFinding(submit(vastmanlandAs("03")));
        decide(TestUsers.STEERING, finding, "{\"action\":\"WAIVE\"}").statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("comment"));
        decide(TestUsers.STEERING, finding, "{\"action\":\"FORGET\"}").statusCode(400)
                .body("errors[0].field", equalTo("action"));
        decide(TestUsers.STEERING, finding, "{\"action\":\"WAIVE\",\"comment\":\"x\",\"until\":\"2001-01-01\"}")
                .statusCode(400).body("errors[0].field", equalTo("until"));
        decide(TestUsers.CONTROLLER_JH, finding, "{\"action\":\"ACKNOWLEDGE\"}").statusCode(404);
        decide(OTHERS, finding, "{\"action\":\"ACKNOWLEDGE\"}").statusCode(403);
        decide(TestUsers.STEERING, finding, "{\"action\":\"REOPEN\"}").statusCode(409);
        given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING).get("/api/v1/findings/" + finding)
                .then().body("status", equalTo("OPEN")).body("version", equalTo(0));
        decide(TestUsers.STEERING, finding, "{\"action\":\"ACKNOWLEDGE\"}").statusCode(200);
        decide(TestUsers.STEERING, finding, "{\"action\":\"ACKNOWLEDGE\"}").statusCode(409)
                .contentType("application/problem+json");
        given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING).get("/api/v1/findings/" + finding + "/history")
                .then().body("action", hasSize(2));
    }

    @Test
    void shouldLetOneOfTwoConcurrentReviewersWinAndAnswerTheOther409() throws Exception {
        String finding = ceilingFinding(submit(vastmanlandAs("04")));
        long version = given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING)
                .get("/api/v1/findings/" + finding).then().extract().<Integer>path("version").longValue();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<Integer>> reviewers = new ArrayList<>();
        reviewers.add(() -> decide(TestUsers.STEERING, finding, "{\"action\":\"ACKNOWLEDGE\",\"version\":" + version + "}")
                .extract().statusCode());
        reviewers.add(() -> decide(TestUsers.STEERING, finding, "{\"action\":\"WAIVE\",\"comment\":\"Godtas\",\"version\":"
                + version + "}").extract().statusCode());
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(reviewers)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        statuses.sort(Integer::compareTo);
        assertEquals(List.of(200, 409), statuses);
        given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING).get("/api/v1/findings/" + finding + "/history")
                .then().body("action", hasSize(2));
    }

    @Test
    void shouldFilterSortAndPageTheQueue() {
        submit(vastmanlandAs("05"));
        given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING)
                .get("/api/v1/findings?region=05&severity=ERROR&status=OPEN&sort=amount&page=0&size=1")
                .then().statusCode(200).body("items", hasSize(1)).body("size", equalTo(1))
                .body("items[0].region", equalTo("05"));
        given().auth().preemptive().basic(TestUsers.STEERING, TestUsers.STEERING)
                .get("/api/v1/findings?status=MAYBE").then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().auth().preemptive().basic(TestUsers.CONTROLLER_JH, TestUsers.CONTROLLER_JH)
                .get("/api/v1/findings?region=05").then().statusCode(200).body("items", hasSize(0));
        given().auth().preemptive().basic(OTHERS, OTHERS)
                .get("/api/v1/findings?size=500").then().statusCode(200)
                .body("items.region", everyItem(org.hamcrest.Matchers.not(equalTo("23"))))
                .body("items.code", hasItem("FIN-ALLOCATION-CEILING"));
    }
}
