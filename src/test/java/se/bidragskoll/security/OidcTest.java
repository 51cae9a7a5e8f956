package se.bidragskoll.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;

/**
 * Production sign-in through OIDC, against Quarkus' test OIDC server: roles from the token's groups,
 * regions from its "regions" claim; the same isolation as with the embedded users.
 */
@QuarkusTest
@TestProfile(OidcTest.Oidc.class)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class OidcTest {

    /** The service with OIDC bearer tokens instead of the embedded users. */
    public static class Oidc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/",
                    "quarkus.oidc.client-id", "quarkus-service-app",
                    "quarkus.oidc.application-type", "service",
                    "quarkus.security.users.embedded.enabled", "false",
                    "quarkus.http.auth.form.enabled", "false",
                    "quarkus.http.auth.basic", "false",
                    "quarkus.http.auth.permission.api.auth-mechanism", "bearer",
                    "quarkus.http.auth.permission.web.auth-mechanism", "bearer",
                    "smallrye.jwt.sign.key.location", "privateKey.jwk");
        }
    }

    private static String token(String user, String role, List<String> regions) {
        return Jwt.preferredUserName(user).groups(Set.of(role)).claim("regions", regions)
                .issuer("https://server.example.com").audience("https://service.example.com").sign();
    }

    @BeforeEach
    void noDefaultUser() {
        io.restassured.RestAssured.authentication = io.restassured.RestAssured.DEFAULT_AUTH;
    }

    @Test
    void shouldTakeRolesAndRegionsFromTheToken() {
        String jamtland = token("anna.controller", "controller", List.of("23"));
        String vastmanland = token("olle.controller", "controller", List.of("19"));
        String steering = token("stina.styrgrupp", "steering", List.of());

        String id = given().auth().oauth2(vastmanland).contentType(ContentType.JSON)
                .body(Fixtures.read(Fixtures.VASTMANLAND)).post("/api/v1/dossiers")
                .then().statusCode(201).extract().path("dossier");
        given().auth().oauth2(jamtland).get("/api/v1/dossiers/" + id).then().statusCode(404);
        given().auth().oauth2(steering).get("/api/v1/dossiers/" + id).then().statusCode(200)
                .body("region", equalTo("19"));
        given().auth().oauth2(steering).contentType(ContentType.JSON).body(Fixtures.read(Fixtures.VASTMANLAND))
                .post("/api/v1/dossiers").then().statusCode(403);
        given().get("/api/v1/dossiers/" + id).then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/api/v1/dossiers/" + id).then().statusCode(401);
    }
}
