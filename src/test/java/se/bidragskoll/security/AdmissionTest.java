package se.bidragskoll.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;

/**
 * Judging is admitted against a memory budget (issue 19): with every permit held, a submission waits
 * briefly, then gets 503 with Retry-After and nothing stored; reading goes on; once a permit is free,
 * the same submission is judged.
 */
@QuarkusTest
class AdmissionTest {

    @Inject
    AdmissionFilter admission;

    @Test
    void shouldTurnAwayASubmissionWhenEveryPermitIsHeldAndTakeItWhenOneIsFree() {
        int size = admission.size();
        admission.permits().acquireUninterruptibly(size);
        try {
            given().auth().preemptive().basic("kontroller-vm", "kontroller-vm").contentType(ContentType.JSON)
                    .body(Fixtures.read(Fixtures.VASTMANLAND))
                    .when().post("/api/v1/validate")
                    .then().statusCode(503).header("Retry-After", notNullValue())
                    .contentType(containsString("application/problem+json"))
                    .body("status", equalTo(503));
            given().auth().preemptive().basic("styrgrupp", "styrgrupp").when().get("/api/v1/rules")
                    .then().statusCode(200);
        } finally {
            admission.permits().release(size);
        }
        given().auth().preemptive().basic("kontroller-vm", "kontroller-vm").contentType(ContentType.JSON)
                .body(Fixtures.read(Fixtures.VASTMANLAND))
                .when().post("/api/v1/validate")
                .then().statusCode(200);
    }
}
