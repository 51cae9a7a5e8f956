package se.bidragskoll.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 19's smaller inputs: each gets a 4xx answer (a problem document on the API), never a 500. */
@QuarkusTest
class SmallAttacksTest {

    private static final RestAssuredConfig RAW = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    @Test
    void shouldAnswerALanguageSwitchToAStrangePathWithoutAnError() {
        given().redirects().follow(false).urlEncodingEnabled(false).when().get("/sprak/en?till=/%20/x")
                .then().statusCode(lessThan(500));
    }

    @Test
    void shouldAnswerAMalformedContentTypeWithAProblem() {
        given().config(RAW).auth().preemptive().basic("kontroller-vm", "kontroller-vm")
                .header("Content-Type", "application/json; charset=\"").body("{}".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/validate").then().statusCode(lessThan(500));
    }

    @Test
    void shouldAnswerMultipartWithAThousandPartsWithAProblem() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            body.append("--gräns\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nx\r\n");
        }
        body.append("--gräns--\r\n");
        given().config(RAW).auth().preemptive().basic("kontroller-vm", "kontroller-vm")
                .header("Content-Type", "multipart/form-data; boundary=gräns")
                .body(body.toString().getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/validate").then().statusCode(lessThan(500));
    }

    @Test
    void shouldAnswerAHugePageNumberWithAProblemNotANotFound() {
        given().auth().preemptive().basic("styrgrupp", "styrgrupp").when().get("/api/v1/findings?page=5e6")
                .then().statusCode(400).contentType(containsString("application/problem+json"));
    }
}
