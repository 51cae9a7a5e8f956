package se.bidragskoll.calendar;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidragskoll.Fixtures;
import se.bidragskoll.TestUsers;
import se.bidragskoll.security.FormTokens;

/**
 * The calendar feed: made on the calendar page, fetched without a login, read back by ical4j as
 * RFC 5545, holding the deadlines of the user's regions only, and gone once revoked or replaced.
 */
@QuarkusTest
class CalendarFeedTest {

    @BeforeEach
    void noDefaultUser() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    private static Map<String, String> login(String user) {
        return se.bidragskoll.TestUsers.pageLogin(user);
    }

    /** Posts one of the calendar page's forms as a browser does, with its CSRF token; the page answered. */
    private static String post(Map<String, String> session, String action, String language) {
        Response page = given().cookies(session).header("Accept-Language", language).get("/kalender");
        page.then().statusCode(200);
        Matcher m = Pattern.compile("name=\"" + FormTokens.FIELD + "\" value=\"([^\"]+)\"").matcher(page.asString());
        assertTrue(m.find(), "the calendar page has a form");
        return given().cookies(session).cookie(FormTokens.COOKIE, page.cookie(FormTokens.COOKIE))
                .header("Accept-Language", language).contentType(ContentType.URLENC)
                .formParam(FormTokens.FIELD, m.group(1)).when().post(action)
                .then().statusCode(200).extract().asString();
    }

    private static String feedPath(String page) {
        Matcher m = Pattern.compile("id=\"feed-url\" value=\"https?://[^/\"]+(/kalenderflode/[A-Za-z0-9_-]{43}\\.ics)\"").matcher(page);
        assertTrue(m.find(), "the new address is shown: " + page);
        return m.group(1);
    }

    private static Calendar fetch(String path) throws Exception {
        String text = given().redirects().follow(false).when().get(path).then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/calendar")).extract().asString();
        Calendar calendar = new CalendarBuilder().build(new StringReader(text));
        calendar.validate();
        return calendar;
    }

    private static String submit(String user, String region) {
        return given().auth().preemptive().basic(user, user).contentType(ContentType.JSON)
                .body(Fixtures.read(Fixtures.JAMTLAND).replace("\"region\": \"23\"", "\"region\": \"" + region + "\""))
                .post("/api/v1/dossiers").then().statusCode(201).extract().path("dossier");
    }

    private static List<VEvent> events(Calendar calendar) {
        return calendar.getComponents("VEVENT");
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElse("");
    }

    @Test
    void shouldGiveTheDeadlinesOfTheControllersRegionWithoutALoginUntilRevoked() throws Exception {
        String own = submit(TestUsers.CONTROLLER_JH, "23");
        String other = submit("kontroller-ovriga", "21");
        LocalDate due = LocalDate.parse(given().auth().preemptive().basic(TestUsers.CONTROLLER_JH, TestUsers.CONTROLLER_JH)
                .get("/api/v1/dossiers/" + own + "/report").then().statusCode(200)
                .extract().path("conditions.find { it.code == 'PM-WAITING-TIME-REPORTING' }.dueOn"));

        Map<String, String> controller = login(TestUsers.CONTROLLER_JH);
        String page = post(controller, "/kalender/ny", "sv");
        String path = feedPath(page);
        Calendar calendar = fetch(path);
        List<VEvent> events = events(calendar);
        VEvent reporting = events.stream().filter(e -> value(e, "UID").contains(own)
                && value(e, "UID").contains("PM-WAITING-TIME-REPORTING")).findFirst().orElseThrow();
        assertEquals(due.toString().replace("-", ""), value(reporting, "DTSTART"));
        assertTrue(reporting.getProperty("DTSTART").orElseThrow().getParameter("VALUE").isPresent(), "an all-day event");
        assertTrue(value(reporting, "SUMMARY").startsWith("Region Jämtland Härjedalen: "), value(reporting, "SUMMARY"));
        assertTrue(value(reporting, "URL").endsWith("/underlag/" + own), value(reporting, "URL"));
        assertTrue(events.stream().noneMatch(e -> value(e, "UID").contains(other) || value(e, "URL").contains(other)),
                "another region's deadlines are not in a controller's feed");
        assertTrue(events.stream().allMatch(e -> e.getProperty("DTSTAMP").isPresent() && e.getProperty("UID").isPresent()));

        // the steering group's feed has every region
        Map<String, String> steering = login(TestUsers.STEERING);
        String steeringPath = feedPath(post(steering, "/kalender/ny", "en"));
        List<VEvent> all = events(fetch(steeringPath));
        assertTrue(all.stream().anyMatch(e -> value(e, "UID").contains(other)), "the steering group sees region 21");
        assertTrue(all.stream().anyMatch(e -> value(e, "UID").contains(own)));
        assertTrue(all.stream().anyMatch(e -> value(e, "CATEGORIES").equals("Deadline")), "in the language it was made in");

        // the page says there is a feed but cannot show its address again
        String again = given().cookies(controller).header("Accept-Language", "sv").get("/kalender").then().statusCode(200)
                .extract().asString();
        assertTrue(again.contains("id=\"feed-since\""), again);
        assertFalse(again.contains(path), "the address is not shown again");

        // a new address replaces the old one; revoking ends the new one
        String replaced = feedPath(post(controller, "/kalender/ny", "sv"));
        given().redirects().follow(false).get(path).then().statusCode(404);
        fetch(replaced);
        String revoked = post(controller, "/kalender/aterkalla", "en");
        assertTrue(revoked.contains("The address is revoked."), revoked);
        given().redirects().follow(false).get(replaced).then().statusCode(404);
        given().redirects().follow(false).get("/kalenderflode/gissning.ics").then().statusCode(404);
        // the steering group's feed is untouched by another user's revocation
        fetch(steeringPath);
    }

    @Test
    void shouldNeedALoginForTheCalendarPageButNotForTheFeed() {
        given().redirects().follow(false).get("/kalender").then().statusCode(302)
                .header("Location", org.hamcrest.Matchers.containsString("/logga-in"));
        given().redirects().follow(false).get("/kalenderflode/" + "A".repeat(43) + ".ics").then().statusCode(404);
    }
}
