package se.bidragskoll.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import se.bidragskoll.TestUsers;

/**
 * The OpenAPI document as published at {@code /q/openapi}; written to {@code target/openapi.yaml},
 * where CI lints it with Redocly's recommended ruleset ({@code .ci/run}).
 */
@QuarkusTest
class OpenApiTest {

    @Test
    void shouldPublishTheDocumentAndWriteItForTheLinter() throws Exception {
        String yaml = given().get("/q/openapi").then().statusCode(200)
                .body(containsString("operationId: submitDossier"))
                .body(containsString("\"201\":"))
                .body(containsString("application/problem+json"))
                .body(containsString("scheme: basic"))
                .body(containsString("- name: Steering group"))
                .body(not(containsString("JsonNode")))
                .body(not(containsString("openIdConnect")))
                .extract().asString();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.yaml"), yaml, StandardCharsets.UTF_8);
    }

    @Test
    void shouldJudgeTheDocumentsExampleDossier() throws Exception {
        String example;
        try (var in = getClass().getClassLoader().getResourceAsStream("openapi/example-dossier.json")) {
            example = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        given().auth().preemptive().basic(TestUsers.CONTROLLER_JH, TestUsers.CONTROLLER_JH)
                .contentType(ContentType.JSON).body(example).post("/api/v1/validate")
                .then().statusCode(200).body("findings.code", hasItem("REG-COST-OBJECT"));
    }
}
