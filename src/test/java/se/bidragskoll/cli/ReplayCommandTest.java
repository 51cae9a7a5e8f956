package se.bidragskoll.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;
import se.bidragskoll.RulesCopy;

/** Replaying the stored dossiers with a changed rule set shows what would change. */
@QuarkusTest
class ReplayCommandTest {

    @org.junit.jupiter.api.BeforeEach
    void actAsUser() {
        se.bidragskoll.TestUsers.actAs(se.bidragskoll.TestUsers.CONTROLLER_BOTH);
    }

    @Test
    void shouldShowTheFindingThatAnEarlierDeadlineWouldAdd() throws Exception {
        given().contentType(ContentType.JSON).body(Fixtures.read(Fixtures.JAMTLAND)).post("/api/v1/dossiers")
                .then().statusCode(201);
        Path rules = RulesCopy.of(Path.of("target/replay-rules"));
        RulesCopy.replace(rules.resolve("agreements/patientmiljarden-2018.yaml"), "due: 2018-04-16", "due: 2018-04-10");

        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null);
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        Path json = Path.of("target/replay.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = ReplayCommand.run(rules, url, user, password, json, new PrintStream(printed, true, StandardCharsets.UTF_8));

        String table = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, table);
        assertTrue(table.contains("PM-ACTION-PLAN-DEADLINE") && table.contains("PASS -> FAIL"), table);
        assertTrue(table.matches("(?s).*\\+ ERROR .*2018-04-13.*"), table);
        String written = Files.readString(json);
        assertTrue(written.contains("\"code\" : \"PM-ACTION-PLAN-DEADLINE\"") && written.contains("\"added\""), written);

        ByteArrayOutputStream same = new ByteArrayOutputStream();
        ReplayCommand.run(Path.of("rules"), url, user, password, json, new PrintStream(same, true, StandardCharsets.UTF_8));
        assertTrue(!same.toString(StandardCharsets.UTF_8).contains("PM-ACTION-PLAN-DEADLINE"), same.toString());
    }
}
