package se.bidragskoll.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;

/** Issue 19: JSON with something after the document, or control characters in its text, is refused. */
@QuarkusTest
class JsonInputTest {

    private static io.restassured.specification.RequestSpecification controller() {
        return given().auth().preemptive().basic("kontroller-vm", "kontroller-vm").contentType(ContentType.JSON);
    }

    @Test
    void shouldRefuseTrailingContentAfterTheDocument() {
        controller().body(Fixtures.read(Fixtures.VASTMANLAND) + " {\"region\": \"01\"}")
                .when().post("/api/v1/validate")
                .then().statusCode(400).contentType(containsString("application/problem+json"));
    }

    @Test
    void shouldRefuseAControlCharacterNamingTheField() {
        String withNul = Fixtures.read(Fixtures.VASTMANLAND).replaceFirst("\"unit\": \"PPHV\"", "\"unit\": \"PP\\\\u0000HV\"");
        controller().body(withNul)
                .when().post("/api/v1/validate")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem(containsString("unit")))
                .body("errors.message", hasItem(containsString("styrtecken")));
    }
}
