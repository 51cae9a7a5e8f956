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
 * group logs in, opens a finding and waives it; a controller cannot reach another region's page; at
 * 390 px (a phone) a failed login comes back with its message, no page scrolls sideways and every
 * download link of the pages gives a file a strict reader opens. Screenshots are kept in target/screenshots.
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
    void needChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed (apt-get install chromium chromium-driver); .ci/run installs it");
    }

    /** A browser whose Accept-Language is {@code language} (sv-SE or en-GB). */
    private void startBrowser(String language) throws Exception {
        startBrowser(language, 1280);
    }

    private Path downloads;

    /** A browser {@code width} CSS pixels wide that saves downloads into {@link #downloads}. */
    private void startBrowser(String language, int width) throws Exception {
        downloads = Files.createTempDirectory("nedladdat");
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language + ","
                + language.substring(0, 2), "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=" + width + ",900",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        Files.createDirectories(SCREENSHOTS);
        if (width < 1280) {
            // the window's outer size includes no frame in headless mode; make the page exactly this wide
            ((org.openqa.selenium.chromium.ChromiumDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", true));
        }
        ((org.openqa.selenium.chromium.ChromiumDriver) browser).executeCdpCommand("Browser.setDownloadBehavior",
                java.util.Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    }

    /** Clicks a download link and waits for the file the browser saves. */
    private byte[] downloadByClicking(By link, String suffix) throws Exception {
        try (var old = Files.list(downloads)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        browser.findElement(link).click();
        Path[] saved = new Path[1];
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            try (var files = Files.list(downloads)) {
                saved[0] = files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElse(null);
                return saved[0] != null;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        return Files.readAllBytes(saved[0]);
    }

    /**
     * The page is exactly as wide as a 390 px phone (the viewport tag), scrolls only downwards, and the
     * header's text stays inside its bar.
     */
    private void assertFitsAPhone(String name) throws Exception {
        screenshot(name);
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        long inner = ((Number) js.executeScript("return window.innerWidth")).longValue();
        long wide = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        Object widest = js.executeScript("return Array.from(document.querySelectorAll('body *')).filter(function (e) {"
                + " return e.getBoundingClientRect().right > 391 && !e.closest('.scroll'); }).slice(-3)"
                + ".map(function (e) { return e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)"
                + " + ' ' + e.textContent.trim().substring(0, 40); }).join(' | ');");
        assertEquals(390, inner, name + ": laid out for the phone's width (viewport tag); wider: " + widest);
        assertTrue(wide <= inner, name + ": the page scrolls sideways, " + wide + " px wide on a " + inner + " px screen");
        Object spills = js.executeScript("var h = document.querySelector('header').getBoundingClientRect();"
                + "var out = Array.from(document.querySelectorAll('header *')).filter(function (e) {"
                + "  var r = e.getBoundingClientRect();"
                + "  return r.width > 0 && (r.right > h.right + 1 || r.left < h.left - 1 || r.bottom > h.bottom + 1); });"
                + "return out.map(function (e) { return e.textContent.trim(); }).join(' | ');");
        assertEquals("", spills, name + ": text outside the header's bar");
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
        startBrowser("sv-SE");
        String dossier = given().auth().preemptive().basic("kontroller-ovriga", "kontroller-ovriga")
                .contentType(ContentType.JSON)
                .body(Fixtures.read(Fixtures.VASTMANLAND).replace("\"region\": \"19\"", "\"region\": \"06\""))
                .post("/api/v1/dossiers").then().statusCode(201).extract().path("dossier");

        logIn("styrgrupp");
        assertTrue(browser.findElement(By.id("overview")).getText().contains("Region Jönköpings län"));
        browser.get(url("/granskning?region=06&code=FIN-ALLOCATION-CEILING"));
        screenshot("granskning");
        clickAndWait(By.cssSelector("#queue a.finding"));
        assertEquals("Öppen", browser.findElement(By.id("status")).getText());
        assertTrue(browser.getPageSource().contains("Fördelningar av ett statsbidrag kan inte överstiga det belopp som beviljats"),
                "the clause behind the finding is shown");
        assertFalse(browser.getPageSource().contains("För Region Västmanland innebär detta 15 miljoner kronor"),
                "a finding for Jönköpings län never cites Västmanland's document");
        new Select(browser.findElement(By.id("action"))).selectByValue("WAIVE");
        clickAndWait(By.id("decide"));
        assertTrue(browser.findElement(By.id("error")).getText().contains("motivering"), "a waiver needs a comment");
        assertEquals("WAIVE", new Select(browser.findElement(By.id("action"))).getFirstSelectedOption().getAttribute("value"),
                "the refused decision's action is kept");
        browser.findElement(By.id("comment")).sendKeys("Styrgruppen 2018-11-05: fördelningen justeras i december");
        clickAndWait(By.id("decide"));
        assertEquals("Undantagen", browser.findElement(By.id("status")).getText());
        assertTrue(browser.findElement(By.id("history")).getText().matches("(?s).*20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}.*"),
                "history times as local date and time, not raw instants");
        assertTrue(browser.findElement(By.id("history")).getText().contains("styrgrupp"));
        screenshot("fynd-undantaget");

        browser.get(url("/underlag/" + dossier));
        assertTrue(browser.findElement(By.id("conditions")).getText().contains("FIN-ALLOCATION-CEILING"));
        screenshot("underlag");

        clickAndWait(By.id("logout"));
        logIn("kontroller-jh");
        browser.get(url("/underlag/" + dossier));
        assertTrue(browser.findElement(By.id("notfound")).isDisplayed(), "region 23's controller cannot see region 06");
        screenshot("annan-region");
    }

    @Test
    void shouldWorkOnA390PixelPhoneFromALoginThatFailsToEveryDownloadOfThePages() throws Exception {
        String dossier = given().auth().preemptive().basic("kontroller-ovriga", "kontroller-ovriga")
                .contentType(ContentType.JSON)
                .body(Fixtures.read(Fixtures.JAMTLAND).replace("\"region\": \"23\"", "\"region\": \"12\""))
                .post("/api/v1/dossiers").then().statusCode(201).extract().path("dossier");
        startBrowser("sv-SE", 390);

        browser.get(url("/logga-in"));
        assertFitsAPhone("390-logga-in");
        browser.findElement(By.id("username")).sendKeys("kontroller-ovriga");
        browser.findElement(By.id("password")).sendKeys("fel lösenord");
        clickAndWait(By.id("login"));
        assertTrue(browser.findElement(By.id("login-failed")).getText().contains("fel användarnamn eller lösenord"),
                "a failed login says so on the login form");
        assertTrue(browser.findElement(By.id("username")).isDisplayed(), "and the form is there to try again");
        assertFitsAPhone("390-inloggning-misslyckad");
        browser.findElement(By.id("username")).sendKeys("kontroller-ovriga");
        browser.findElement(By.id("password")).sendKeys("kontroller-ovriga");
        clickAndWait(By.id("login"));
        assertFitsAPhone("390-oversikt");

        browser.get(url("/underlag/" + dossier));
        assertFitsAPhone("390-underlag");
        se.bidragskoll.StrictXlsx.check(downloadByClicking(By.id("report-xlsx"), ".xlsx"));
        assertTrue(new String(downloadByClicking(By.id("report-csv"), ".csv"), java.nio.charset.StandardCharsets.UTF_8)
                .contains("Fynd;Villkor;Allvarlighet"));
        se.bidragskoll.StrictXlsx.check(downloadByClicking(By.id("workbook"), ".xlsx"));

        browser.get(url("/granskning?region=12"));
        assertFitsAPhone("390-granskning");
        se.bidragskoll.StrictXlsx.check(downloadByClicking(By.id("export-xlsx"), ".xlsx"));
        clickAndWait(By.cssSelector("#queue a.finding"));
        assertFitsAPhone("390-fynd");

        browser.get(url("/skicka-in"));
        assertFitsAPhone("390-skicka-in");
        browser.get(url("/plan"));
        assertFitsAPhone("390-planer");
        browser.get(url("/kalender"));
        clickAndWait(By.id("feed-create"));
        assertTrue(browser.findElement(By.id("feed-url")).getAttribute("value").contains("/kalenderflode/"));
        assertFitsAPhone("390-kalender");

        clickAndWait(By.id("logout"));
        logIn("styrgrupp");
        clickAndWait(By.id("lang-en"));
        assertFitsAPhone("390-overview-en");
        browser.get(url("/granskning?region=12"));
        assertFitsAPhone("390-queue-en");
        assertEquals(1, browser.findElements(By.id("batch")).size(), "the steering group's decision on ticked findings");
        assertEquals("select", browser.findElement(By.id("filter-agreement")).getTagName(), "filters from lists");
        se.bidragskoll.StrictXlsx.check(downloadByClicking(By.id("export-xlsx"), ".xlsx"));
        clickAndWait(By.cssSelector("#queue a.finding"));
        assertFitsAPhone("390-finding-en");
    }

    /** Waits until the page shows {@code id} (after an upload answered by a redirect or a page of errors). */
    private void waitFor(By element) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(element).isEmpty());
    }

    @Test
    void shouldLetAControllerSubmitADossierFromAWorkbookAndALedgerFromACsvFileAndSeeTheReport() throws Exception {
        startBrowser("sv-SE");
        Path workbook = Files.createTempDirectory("arbetsbok").resolve("underlag-jamtland.xlsx");
        Workbooks.jamtland(workbook, "12600000");
        Path broken = workbook.resolveSibling("underlag-fel.xlsx");
        Workbooks.jamtland(broken, "12,6 mnkr");

        logIn("kontroller-jh");
        clickAndWait(By.id("nav-submit"));
        browser.findElement(By.id("workbook-file")).sendKeys(broken.toString());
        browser.findElement(By.id("workbook-send")).click();
        waitFor(By.id("errors"));
        assertTrue(browser.findElement(By.id("errors")).getText().contains("Bidrag, rad 5, kolumn B"),
                "sheet, row and column of the bad cell: " + browser.findElement(By.id("errors")).getText());
        screenshot("arbetsbok-fel");

        browser.get(url("/skicka-in"));
        browser.findElement(By.id("workbook-file")).sendKeys(workbook.toString());
        browser.findElement(By.id("workbook-send")).click();
        waitFor(By.id("conditions"));
        assertTrue(browser.getCurrentUrl().contains("/underlag/d-"), browser.getCurrentUrl());
        assertEquals("Uppfyller inte villkoren", browser.findElement(By.id("outcome")).getText());
        assertTrue(browser.findElement(By.id("group-REG-COST-OBJECT")).getText().contains("Ej uppfyllt"));
        String revision = browser.findElement(By.id("history")).getText();
        screenshot("underlag-fran-arbetsbok");

        Path csv = Path.of(getClass().getClassLoader().getResource("ledgers/raindance-utf8-bom.csv").toURI());
        browser.findElement(By.id("ledger-file")).sendKeys(csv.toString());
        WebElement before = browser.findElement(By.id("history"));
        browser.findElement(By.id("ledger-send")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            try {
                before.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
        waitFor(By.id("history"));
        assertTrue(!browser.findElement(By.id("history")).getText().equals(revision), "a new revision after the ledger");
        assertTrue(browser.findElement(By.id("group-REG-COST-OBJECT")).getText().contains("A 104233/2"),
                "the finding names the line of the uploaded file");
        screenshot("underlag-efter-huvudbok");
    }

    @Test
    void shouldLetTheSteeringGroupPageThroughTheQueueAndSeeTheChartsInEnglishAndSwedish() throws Exception {
        String id = given().auth().preemptive().basic("kontroller-jh", "kontroller-jh").contentType(ContentType.JSON)
                .body(se.bidragskoll.bench.LedgerGenerator.dossierJson()).post("/api/v1/dossiers")
                .then().statusCode(201).extract().path("dossier");
        Path ledger = Files.createTempFile("huvudbok", ".csv");
        se.bidragskoll.bench.LedgerGenerator.writeCsv(30_000, ledger);
        given().auth().preemptive().basic("kontroller-jh", "kontroller-jh").contentType("text/csv")
                .body(Files.readAllBytes(ledger)).put("/api/v1/dossiers/" + id + "/ledger").then().statusCode(200);

        startBrowser("en-GB");
        logIn("styrgrupp");
        assertTrue(browser.findElement(By.tagName("h1")).getText().startsWith("Overview"));
        assertTrue(browser.findElement(By.id("chart-regions")).isDisplayed(), "money at stake by region");
        assertTrue(browser.findElement(By.id("chart-agreements")).isDisplayed(), "money at stake by agreement");
        assertTrue(browser.findElement(By.id("chart-codes")).getAttribute("innerHTML").contains("REG-COST-OBJECT"));
        assertTrue(browser.getPageSource().contains("Deadlines of the coming 90 days"));
        screenshot("overview-en");

        browser.get(url("/granskning?region=23"));
        long total = Long.parseLong(browser.findElement(By.id("total")).getText());
        assertTrue(total > WebResource.QUEUE_PAGE, "more findings than a page: " + total);
        assertEquals("Page 1 of " + ((total + WebResource.QUEUE_PAGE - 1) / WebResource.QUEUE_PAGE),
                browser.findElement(By.id("page-of")).getText());
        assertEquals(WebResource.QUEUE_PAGE, browser.findElements(By.cssSelector("#queue tbody tr")).size());
        assertTrue(browser.findElement(By.id("queue")).getText().contains("Open"));
        assertTrue(browser.findElement(By.id("queue")).getText().matches("(?s).*[0-9],[0-9]{3}\\.[0-9]{2}[ \u00a0]kr.*"),
                "amounts as English money");
        String first = browser.findElement(By.cssSelector("#queue a.finding")).getText();
        clickAndWait(By.id("next"));
        assertEquals("Page 2 of " + ((total + WebResource.QUEUE_PAGE - 1) / WebResource.QUEUE_PAGE),
                browser.findElement(By.id("page-of")).getText());
        assertTrue(!browser.findElement(By.cssSelector("#queue a.finding")).getText().equals(first));
        clickAndWait(By.id("previous"));
        assertEquals(first, browser.findElement(By.cssSelector("#queue a.finding")).getText());

        clickAndWait(By.id("lang-sv"));
        assertTrue(browser.findElement(By.id("page-of")).getText().startsWith("Sida 1 av"), "the language switch");
        assertTrue(browser.findElement(By.id("queue")).getText().contains("Öppen"));
        assertTrue(browser.findElement(By.id("queue")).getText().matches("(?s).*[0-9][ \u00a0][0-9]{3},[0-9]{2}[ \u00a0]kr.*"),
                "amounts as Swedish money: " + browser.findElement(By.id("queue")).getText().substring(0, 300));
        screenshot("granskning-sida");

        browser.get(url("/underlag/" + id));
        WebElement group = browser.findElement(By.xpath("//section[contains(@class,'group')][details]"));
        assertEquals(WebResource.SHOWN_PER_CONDITION, group.findElements(By.cssSelector(":scope > .finding-card")).size(),
                "the first few findings of a condition shown");
        WebElement more = group.findElement(By.cssSelector("details.more"));
        assertTrue(more.getAttribute("open") == null, "the rest folded");
        assertTrue(group.findElement(By.tagName("h3")).getText().matches("(?s).*[0-9]+ fynd.*"), "counted");
        screenshot("underlag-grupperat");

        browser.get(url("/"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().startsWith("Översikt"));
        screenshot("oversikt-sv");
    }
}
