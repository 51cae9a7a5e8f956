package se.bidragskoll.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.bidragskoll.Fixtures;

/**
 * The web pages in a real headless Chromium (Debian's chromium and chromium-driver): the steering
 * group logs in, opens a finding and waives it; a controller cannot reach another region's page.
 * Screenshots are kept in target/screenshots.
 */
@QuarkusTest
class BrowserTest {

    @org.junit.jupiter.api.BeforeEach
    void noDefaultUser() {
        io.restassured.RestAssured.authentication = io.restassured.RestAssured.DEFAULT_AUTH;
    }

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TestHTTPResource("/")
    URL base;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed (apt-get install chromium chromium-driver); .ci/run installs it");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private void logIn(String user) {
        browser.get(url("/logga-in"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        clickAndWait(By.id("login"));
    }

    /** Clicks and waits until the browser has left the page it was on. */
    private void clickAndWait(By button) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(button).click();
        // The old page is gone once its root element answers with any error: Chromium reports a
        // replaced document either as a stale element or as a node no longer in the document.
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
    }

    private void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void shouldLetTheSteeringGroupWaiveAFindingAndKeepOtherRegionsAwayFromControllers() throws Exception {
        String dossier = given().auth().preemptive().basic("kontroller-ovriga", "kontroller-ovriga")
                .contentType(ContentType.JSON)
                .body(Fixtures.read(Fixtures.VASTMANLAND).replace("\"region\": \"19\"", "\"region\": \"06\""))
                .post("/api/v1/dossiers").then().statusCode(201).extract().path("dossier");

        logIn("styrgrupp");
        assertTrue(browser.findElement(By.id("overview")).getText().contains("Region Jönköpings län"));
        browser.get(url("/granskning?region=06&code=FIN-ALLOCATION-CEILING"));
        screenshot("granskning");
        clickAndWait(By.cssSelector("#queue a.finding"));
        assertEquals("OPEN", browser.findElement(By.id("status")).getText());
        assertTrue(browser.getPageSource().contains("Fördelningar av ett statsbidrag kan inte överstiga det belopp som beviljats"),
                "the clause behind the finding is shown");
        assertFalse(browser.getPageSource().contains("För Region Västmanland innebär detta 15 miljoner kronor"),
                "a finding for Jönköpings län never cites Västmanland's document");
        new Select(browser.findElement(By.id("action"))).selectByValue("WAIVE");
        clickAndWait(By.id("decide"));
        assertTrue(browser.findElement(By.id("error")).getText().contains("motivering"), "a waiver needs a comment");
        new Select(browser.findElement(By.id("action"))).selectByValue("WAIVE");
        browser.findElement(By.id("comment")).sendKeys("Styrgruppen 2018-11-05: fördelningen justeras i december");
        clickAndWait(By.id("decide"));
        assertEquals("WAIVED", browser.findElement(By.id("status")).getText());
        assertTrue(browser.findElement(By.id("history")).getText().contains("styrgrupp"));
        screenshot("fynd-undantaget");

        browser.get(url("/underlag/" + dossier));
        assertTrue(browser.findElement(By.id("conditions")).getText().contains("FIN-ALLOCATION-CEILING"));
        screenshot("underlag");

        browser.get(url("/logga-ut"));
        logIn("kontroller-jh");
        browser.get(url("/underlag/" + dossier));
        assertTrue(browser.findElement(By.id("notfound")).isDisplayed(), "region 23's controller cannot see region 06");
        screenshot("annan-region");
    }
}
