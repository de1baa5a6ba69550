package io.salesactivitysync.console;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.toJson;
import static io.salesactivitysync.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.mail.BccFlowTest;
import io.salesactivitysync.task.TaskStreamWatch;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The console in a real browser: headless Debian chromium, driven by Selenium through
 * /usr/bin/chromedriver (given as a path, so Selenium Manager never downloads anything), against
 * the application as the sandbox runs it (the emulator, GreenMail, the real routes). Each page
 * loads without a browser console error and is photographed at 360 and 1280 px
 * (target/console-screenshots/); the flows a user does by hand reach the API and the sandbox org.
 * Runs only under {@code mvn -Pbrowser test} (tag "browser").
 */
@Tag("browser")
@TestPropertySource(properties = {
        "sas.tasks.reconcile-cron=0 0 0 1 1 ? 2099",
        "sas.tasks.sweep-cron=0 0 0 1 1 ? 2099",
        "sas.tasks.subscribe-timeout=10s",
        // unresolved activities are not matched again by the schedule during a test: the page's retry does it
        "sas.activity.unresolved-retry-interval=1h"})
class ConsoleBrowserTest extends BccFlowTest {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration PAGE = Duration.ofSeconds(20);
    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final int[] WIDTHS = {360, 1280};

    private static ChromeDriverService service;
    private static ChromeDriver driver;

    @Autowired
    private TaskStreamWatch stream;

    @BeforeAll
    static void startBrowser() throws IOException {
        File chromium = new File(System.getProperty("sas.test.chromium", "/usr/bin/chromium"));
        File chromedriver = new File(System.getProperty("sas.test.chromedriver", "/usr/bin/chromedriver"));
        assertThat(chromium).as("chromium (apt-get install -y chromium chromium-driver)").canRead();
        assertThat(chromedriver).as("chromedriver (apt-get install -y chromium chromium-driver)").canRead();
        service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-US");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @BeforeEach
    void signedIn() {
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(base() + "/console/");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        WebElement token = waitFor(By.name("token"));
        token.sendKeys(io.salesactivitysync.ApiClient.TEST_TOKEN);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitForPage("health");
        browserErrors(); // the log starts empty for each test
    }

    @Test
    void eachPageLoadsWithoutABrowserErrorAtBothWidths() throws IOException {
        JsonNode riley = repByEmail(RILEY);
        long activity = take(activity("email", RILEY, byEmail(uniqueEmail("nobody")))).get("id").asLong();
        settled(activity);
        String today = api.get("/api/command-center?rep=" + riley.get("id").asLong()).json().get("today").asText();
        Response task = api.post("/api/tasks", object("name", "Send Alice the renewal quote", "repId", riley.get("id").asLong(),
                "dueDate", today, "priority", "high", "details", "She asked for two options"));
        assertThat(task.status()).as(task.body()).isEqualTo(201);
        Response people = api.get("/api/people?size=100");
        long dan = 0;
        for (JsonNode person : people.json().get("items")) {
            if ("dan@umbrella.example".equals(person.get("email").asText())) {
                dan = person.get("id").asLong();
            }
        }
        List<String[]> pages = List.of(
                new String[] {"health", "health", "Health"},
                new String[] {"activities", "activities", "Activities"},
                new String[] {"activities/" + activity, "activities", "Activity #" + activity},
                new String[] {"settings", "settings", "Settings"},
                new String[] {"settings?rep=" + riley.get("id").asLong(), "settings", "Settings"},
                new String[] {"command-center?rep=" + riley.get("id").asLong(), "command-center", "Command center"},
                new String[] {"diagnostics?rep=" + riley.get("id").asLong(), "diagnostics", "Diagnostics"},
                new String[] {"diagnostics?person=" + dan, "diagnostics", "Diagnostics"});
        for (String[] page : pages) {
            open(page[0], page[1]);
            assertThat(driver.findElement(By.cssSelector("main h1")).getText()).as(page[0]).startsWith(page[2]);
            assertThat(driver.findElements(By.cssSelector("main .error"))).as(page[0] + ": an error shown").isEmpty();
            assertThat(unlabelledControls()).as(page[0] + ": inputs without a label").isEmpty();
            if (page[0].equals("health")) {
                assertThat(driver.findElement(By.id("main")).getText()).contains("Integration user")
                        .contains(io.salesactivitysync.sandbox.salesforce.EmulatorSettings.ORG_ID).contains("API requests today");
            }
            for (int width : WIDTHS) {
                screenshot(page[0], width);
            }
            assertThat(browserErrors()).as("browser console errors on " + page[0]).isEmpty();
        }
        // the sign-in page too, and a wrong token answered in words
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.get(base() + "/console/#/health");
        driver.navigate().refresh();
        waitFor(By.name("token"));
        for (int width : WIDTHS) {
            screenshot("sign-in", width);
        }
        assertThat(browserErrors()).as("browser console errors on the sign-in page").isEmpty();
        waitFor(By.name("token")).sendKeys("not-the-token");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        WebElement error = waitFor(By.cssSelector("main .error"));
        assertThat(error.getText()).contains("401").contains("bearer token");
    }

    @Test
    void theKeyboardReachesTheContentFirstAndFocusIsVisible() {
        open("health", "health");
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement skip = driver.switchTo().activeElement();
        assertThat(skip.getText()).isEqualTo("Skip to the page content");
        assertThat(skip.getCssValue("outline-style")).isEqualTo("solid");
        assertThat(skip.getRect().getX()).isGreaterThanOrEqualTo(0);
        skip.sendKeys(Keys.ENTER);
        // the next TAB goes into the page, past the navigation
        driver.switchTo().activeElement().sendKeys(Keys.TAB);
        WebElement next = driver.switchTo().activeElement();
        assertThat((Boolean) ((JavascriptExecutor) driver).executeScript(
                "return document.getElementById('main').contains(arguments[0])", next)).isTrue();
        assertThat(next.getCssValue("outline-style")).isEqualTo("solid");
    }

    @Test
    void anUnresolvedEmailIsLoggedAfterItsPersonIsAddedAndItIsRetriedFromThePage() {
        TestRep rep = newRep("Console", "Europe/Berlin");
        String address = uniqueEmail("buyer");
        String messageId = newMessageId();
        bcc(email(messageId, rep.email(), "Buyer <" + address + ">", "Our quote", "Hello, here is the quote."));
        JsonNode unresolved = settledActivities(messageId).get(0);
        assertState(unresolved, "unresolved");
        long id = unresolved.get("id").asLong();

        // the page groups it under its reason
        open("activities?state=unresolved&source=bcc&rep=" + rep.id(), "activities");
        assertThat(driver.findElement(By.cssSelector("main .groups")).getText())
                .contains("no Contact or Lead in Salesforce has the address " + address);

        // the person is added in Salesforce (its REST API, as an admin would); the product is not told
        // (adding the person through /api/people would match the email again by itself) ...
        String contact = newContact(address, null);
        assertState(api.get("/api/activities/" + id).json(), "unresolved");

        // ... so the email is retried from its row
        waitFor(By.cssSelector("tr[data-activity='" + id + "'] button[data-retry='" + id + "']")).click();
        JsonNode logged = await("activity " + id + " logged").atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/activities/" + id).json(), json -> "logged".equals(json.get("state").asText()));
        List<JsonNode> tasks = tasks(logged);
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("WhoId").asText()).isEqualTo(contact);
        assertThat(tasks.get(0).get("OwnerId").asText()).isEqualTo(rep.userId());
        assertThat(tasks.get(0).get("TaskSubtype").asText()).isEqualTo("Email");

        // the list shows it logged and matched, and its own page the Task
        open("activities?rep=" + rep.id(), "activities");
        assertThat(driver.findElement(By.cssSelector("tr[data-activity='" + id + "']")).getText())
                .contains("logged").contains("Matched Contact " + contact);
        open("activities/" + id, "activities");
        assertThat(driver.findElement(By.cssSelector("main h1")).getText()).contains("logged");
        assertThat(driver.findElement(By.cssSelector("main")).getText()).contains(tasks.get(0).get("Id").asText())
                .contains("email via bcc");
        assertThat(browserErrors()).isEmpty();
    }

    @Test
    void aGroupOfUnresolvedActivitiesIsRetriedAtOnce() {
        TestRep rep = newRep("Group", "Europe/Berlin");
        String address = uniqueEmail("lead");
        long first = take(activity("email", rep.email(), byEmail(address))).get("id").asLong();
        long second = take(activity("reply", rep.email(), byEmail(address))).get("id").asLong();
        assertState(settled(first), "unresolved");
        assertState(settled(second), "unresolved");
        String lead = newLead(address);

        open("activities?rep=" + rep.id(), "activities");
        String reason = "no Contact or Lead in Salesforce has the address " + address;
        WebElement group = driver.findElements(By.cssSelector("main .group")).stream()
                .filter(element -> element.getText().contains(reason)).findFirst().orElseThrow();
        assertThat(group.findElement(By.cssSelector(".count")).getText()).isEqualTo("2");
        group.findElement(By.xpath(".//button[normalize-space()='Retry all 2']")).click();

        for (long id : List.of(first, second)) {
            JsonNode logged = await("activity " + id + " logged").atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.get("/api/activities/" + id).json(), json -> "logged".equals(json.get("state").asText()));
            assertThat(tasks(logged)).extracting(task -> task.get("WhoId").asText()).containsExactly(lead);
        }
        assertThat(browserErrors()).isEmpty();
    }

    @Test
    void theLogFiltersBySourceAndTimeAndARefusedFilterIsShownInWords() {
        TestRep rep = newRep("Filters", "Europe/Berlin");
        long id = take(activity("email", rep.email(), byEmail(uniqueEmail("someone")))).get("id").asLong();
        settled(id);

        open("activities", "activities");
        new Select(driver.findElement(By.cssSelector("select[name=rep]"))).selectByValue(String.valueOf(rep.id()));
        new Select(driver.findElement(By.cssSelector("select[name=source]"))).selectByValue("api");
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        waitFor(By.cssSelector("tr[data-activity='" + id + "']"));
        assertThat(driver.getCurrentUrl()).contains("source=api").contains("rep=" + rep.id());

        open("activities?rep=" + rep.id() + "&source=bcc", "activities");
        assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("No activities match.");
        assertThat(browserErrors()).isEmpty();

        // the API refuses until before since: its message, in words, under the form that stays
        driver.get(base() + "/console/#/activities?since=2026-11-24T00:00:00Z&until=2026-11-23T00:00:00Z");
        driver.navigate().refresh();
        WebElement error = waitFor(By.cssSelector("main .error"));
        assertThat(error.getText()).contains("Error 400").contains("until").contains("must be after since");
        assertThat(driver.findElements(By.cssSelector("form.filters input[name=until]"))).hasSize(1);
    }

    @Test
    void aSettingsChangeMadeInThePageIsWhatTheApiReadsBack() {
        TestRep rep = newRep("Settings", "Europe/Berlin");
        open("settings?rep=" + rep.id(), "settings");
        new Select(driver.findElement(By.cssSelector("select[name=logCalls]"))).selectByValue("false");
        WebElement subject = driver.findElement(By.cssSelector("textarea[name=subjectTemplate]"));
        subject.sendKeys("Call: {{nope}}");
        WebElement problem = waitFor(By.cssSelector(".field-problem:not(:empty)"));
        assertThat(problem.getText()).contains("Unknown dynamic field {{nope}}");
        assertThat(subject.getAttribute("aria-invalid")).isEqualTo("true");
        subject.clear();
        subject.sendKeys("Call: {{activity_subject}}");
        assertThat(subject.getAttribute("aria-invalid")).isNull();
        driver.findElement(By.cssSelector("main form.card button[type=submit]")).click();
        waitFor(By.cssSelector("main .ok"));
        JsonNode settings = api.get("/api/reps/" + rep.id() + "/settings").json();
        assertThat(settings.get("overrides").get("logCalls").asBoolean()).isFalse();
        assertThat(settings.get("overrides").get("subjectTemplate").asText()).isEqualTo("Call: {{activity_subject}}");
        assertThat(settings.get("overrides").get("includeBody").isNull()).isTrue();
        assertThat(settings.get("effective").get("logCalls").asBoolean()).isFalse();

        // the org defaults: changed in the page, read back, then put back as they were
        JsonNode before = api.get("/api/settings").json();
        try {
            open("settings", "settings");
            new Select(driver.findElement(By.cssSelector("select[name=multipleMatches]"))).selectByValue("oldest");
            driver.findElement(By.cssSelector("main form.card button[type=submit]")).click();
            waitFor(By.cssSelector("main .ok"));
            assertThat(api.get("/api/settings").json().get("multipleMatches").asText()).isEqualTo("oldest");
        } finally {
            assertThat(api.put("/api/settings", before).status()).isEqualTo(200);
        }
        assertThat(browserErrors()).isEmpty();
    }

    @Test
    void turningTaskSyncOnInThePageShowsTheFirstSyncRun() {
        TestRep rep = newRep("Syncer", "Europe/Berlin");
        open("settings?rep=" + rep.id(), "settings");
        assertThat(driver.findElement(By.cssSelector("section[aria-labelledby=sync-title]")).getText())
                .contains("Task sync was never on for this rep.");
        new Select(driver.findElement(By.cssSelector("select[name=taskSyncMode]"))).selectByValue("sync");
        driver.findElement(By.cssSelector("main form.card button[type=submit]")).click();
        waitFor(By.cssSelector("main .ok"));
        new WebDriverWait(driver, QUICK).until(d -> d.findElement(By.cssSelector("section[aria-labelledby=sync-title]"))
                .getText().contains("done"));
        assertThat(api.get("/api/reps/" + rep.id() + "/settings").json().at("/firstSync/state").asText()).isEqualTo("done");
        assertThat(browserErrors()).isEmpty();
    }

    @Test
    void aTokenThatStopsWorkingSendsBackToTheSignIn() {
        open("activities", "activities");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.setItem('sas.console.token', 'a-token-since-rotated')");
        driver.findElement(By.cssSelector("a[href='#/settings']")).click();
        WebElement error = waitFor(By.cssSelector("main .error"));
        assertThat(error.getText()).contains("401");
        assertThat(driver.findElements(By.name("token"))).hasSize(1);
        assertThat(driver.findElement(By.id("nav")).isDisplayed()).isFalse();
        assertThat(((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('sas.console.token')")).isNull();
    }

    @Test
    void aTaskCompletedInTheCommandCenterIsCompletedInTheSandboxOrg() {
        TestRep rep = newRep("Tasker", "Europe/Berlin");
        overrideSettings(rep, "taskSyncMode", "sync");
        await().atMost(QUICK).until(() -> "done".equals(api.get("/api/reps/" + rep.id() + "/settings").json()
                .path("firstSync").path("state").asText()));
        await().atMost(QUICK).until(stream::subscribed);

        open("command-center?rep=" + rep.id(), "command-center");
        String name = "Call the buyer " + UUID.randomUUID().toString().substring(0, 8);
        WebElement form = driver.findElement(By.cssSelector("form.task-form"));
        form.findElement(By.name("name")).sendKeys(name);
        new Select(form.findElement(By.name("priority"))).selectByValue("high");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement complete = waitFor(By.cssSelector("button[aria-label='Complete " + name + "']"));

        JsonNode created = await("the task created").atMost(QUICK).until(() -> taskNamed(rep, name),
                task -> task != null && "synced".equals(task.path("syncState").asText()));
        String salesforceId = created.get("salesforceTaskId").asText();
        assertThat(created.get("priority").asText()).isEqualTo("high");

        complete.click();
        waitFor(By.cssSelector("button[aria-label='Reopen " + name + "']"));
        await("the task completed and synced").atMost(QUICK).until(() -> api.get("/api/tasks/" + created.get("id").asLong()).json(),
                task -> "completed".equals(task.path("status").asText()) && "synced".equals(task.path("syncState").asText()));
        List<JsonNode> inOrg = org().query("SELECT Id, Status, Subject, Priority FROM Task WHERE Id = '" + salesforceId + "'");
        assertThat(inOrg).hasSize(1);
        assertThat(inOrg.get(0).get("Status").asText()).isEqualTo("Completed");
        assertThat(inOrg.get(0).get("Priority").asText()).isEqualTo("High");
        assertThat(browserErrors()).isEmpty();
    }

    @Test
    void aTaskIsEditedReopenedAndDeletedFromTheCommandCenterAndSoInTheSandboxOrg() {
        TestRep rep = newRep("Editor", "Pacific/Kiritimati");
        overrideSettings(rep, "taskSyncMode", "sync");
        await().atMost(QUICK).until(() -> "done".equals(api.get("/api/reps/" + rep.id() + "/settings").json()
                .path("firstSync").path("state").asText()));
        await().atMost(QUICK).until(stream::subscribed);
        JsonNode days = api.get("/api/command-center?rep=" + rep.id()).json();
        String name = "Prepare the demo " + UUID.randomUUID().toString().substring(0, 8);
        Response created = api.post("/api/tasks", object("name", name, "repId", rep.id(), "dueDate", days.get("tomorrow").asText(),
                "status", "completed"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        String salesforceId = await().atMost(QUICK).until(() -> api.get("/api/tasks/" + id).json(),
                task -> "synced".equals(task.path("syncState").asText())).get("salesforceTaskId").asText();

        // tomorrow in the rep's time zone (UTC+14), where the page puts it
        open("command-center?rep=" + rep.id(), "command-center");
        assertThat(driver.findElement(By.cssSelector("section[aria-labelledby='day-" + days.get("tomorrow").asText() + "']")).getText())
                .contains(name);

        // edit: a new name and today's date
        waitFor(By.cssSelector("button[aria-label='Edit " + name + "']")).click();
        WebElement form = waitFor(By.cssSelector("li[data-task='" + id + "'] form"));
        WebElement nameInput = form.findElement(By.name("name"));
        nameInput.clear();
        String renamed = name + " (renamed)";
        nameInput.sendKeys(renamed);
        WebElement due = form.findElement(By.name("dueDate"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", due, days.get("today").asText());
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(By.cssSelector("button[aria-label='Reopen " + renamed + "']"));
        assertThat(driver.findElement(By.cssSelector("section[aria-labelledby='day-" + days.get("today").asText() + "']")).getText())
                .contains(renamed);

        // reopen
        driver.findElement(By.cssSelector("button[aria-label='Reopen " + renamed + "']")).click();
        waitFor(By.cssSelector("button[aria-label='Complete " + renamed + "']"));
        await("edited and reopened in the org").atMost(QUICK).until(() -> org().query(
                "SELECT Id, Status, Subject, ActivityDate FROM Task WHERE Id = '" + salesforceId + "'"), rows -> rows.size() == 1
                && "Not Started".equals(rows.get(0).get("Status").asText())
                && renamed.equals(rows.get(0).get("Subject").asText())
                && days.get("today").asText().equals(rows.get(0).get("ActivityDate").asText()));

        // delete: the first press asks, the second deletes
        WebElement delete = driver.findElement(By.cssSelector("li[data-task='" + id + "'] button.danger"));
        delete.click();
        assertThat(delete.getText()).isEqualTo("Press again to delete");
        delete.click();
        new WebDriverWait(driver, PAGE).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("li[data-task='" + id + "']"), 0));
        assertThat(api.get("/api/tasks/" + id).status()).isEqualTo(404);
        await("deleted in the org").atMost(QUICK).until(() -> org().query(
                "SELECT Id FROM Task WHERE Id = '" + salesforceId + "'").isEmpty());
        assertThat(browserErrors()).isEmpty();
    }

    @Test
    void textHoldingHtmlFromTheApiIsShownAsTextAndNeverRuns() {
        String markup = "<img src=x onerror=alert(1)>";
        String repEmail = uniqueEmail("markup");
        Response rep = api.post("/api/reps", object("email", repEmail, "name", "Rep " + markup, "timeZone", "Europe/Berlin",
                "salesforceUserId", newUser(repEmail, true)));
        assertThat(rep.status()).as(rep.body()).isEqualTo(201);
        long repId = rep.json().get("id").asLong();
        Response person = api.post("/api/people", object("name", "Person " + markup, "email", uniqueEmail("markup-person")));
        assertThat(person.status()).as(person.body()).isEqualTo(201);
        long personId = person.json().get("id").asLong();
        long activity = take(activity("email", repEmail, byEmail(uniqueEmail("nobody")), "subject", "Subject " + markup))
                .get("id").asLong();
        settled(activity);
        String today = api.get("/api/command-center?rep=" + repId).json().get("today").asText();
        Response task = api.post("/api/tasks", object("name", "Task " + markup, "repId", repId, "personId", personId,
                "dueDate", today, "details", "Details " + markup));
        assertThat(task.status()).as(task.body()).isEqualTo(201);

        // a reason holding it: the rep's Salesforce user, named so by an admin, is inactive
        String inactiveEmail = uniqueEmail("inactive");
        String inactiveUser = org().create("User", toJson(object("Username", inactiveEmail, "LastName", markup,
                "Email", inactiveEmail, "Alias", "tst", "IsActive", false, "TimeZoneSidKey", "GMT", "LocaleSidKey", "en_US",
                "EmailEncodingKey", "UTF-8", "LanguageLocaleKey", "en_US")));
        Response inactive = api.post("/api/reps", object("email", inactiveEmail, "name", "Inactive", "timeZone", "UTC",
                "salesforceUserId", inactiveUser));
        assertThat(inactive.status()).as(inactive.body()).isEqualTo(201);
        long inactiveRep = inactive.json().get("id").asLong();
        JsonNode notLogged = settled(take(activity("email", inactiveEmail, byEmail(uniqueEmail("nobody")))).get("id").asLong());
        String reason = notLogged.get("reason").asText();
        assertThat(reason).contains(markup);

        List<String[]> pages = List.of(
                new String[] {"activities?rep=" + inactiveRep, "activities", reason},
                new String[] {"activities/" + notLogged.get("id").asLong(), "activities", reason},
                new String[] {"diagnostics?rep=" + inactiveRep, "diagnostics", markup + ") is inactive"},
                new String[] {"activities?rep=" + repId, "activities", "Subject " + markup},
                new String[] {"activities/" + activity, "activities", "Subject " + markup},
                new String[] {"settings?rep=" + repId, "settings", "Rep " + markup},
                new String[] {"command-center?rep=" + repId, "command-center", "Task " + markup},
                new String[] {"diagnostics?rep=" + repId, "diagnostics", "Rep " + markup},
                new String[] {"diagnostics?person=" + personId, "diagnostics", "Person " + markup});
        for (String[] page : pages) {
            open(page[0], page[1]);
            assertThatNoAlertIsOpen(page[0]);
            assertThat(driver.findElements(By.cssSelector("main img"))).as(page[0] + ": an img element made from data").isEmpty();
            assertThat(driver.findElement(By.id("main")).getText()).as(page[0]).contains(page[2]);
            assertThat(browserErrors()).as("browser console errors on " + page[0]).isEmpty();
        }
        // the picker's option shows the name as text too
        open("command-center?rep=" + repId, "command-center");
        assertThat(new Select(driver.findElement(By.cssSelector("select[name=rep]"))).getFirstSelectedOption().getText())
                .isEqualTo("Rep " + markup + " <" + repEmail + ">");
        assertThatNoAlertIsOpen("the rep picker");
    }

    @Test
    void aTaskAddedInTheCommandCenterCanBeAboutAPerson() {
        TestRep rep = newRep("About", "Europe/Berlin");
        Response person = api.post("/api/people", object("name", "Pat Prospect", "email", uniqueEmail("pat")));
        assertThat(person.status()).as(person.body()).isEqualTo(201);
        long personId = person.json().get("id").asLong();

        open("command-center?rep=" + rep.id(), "command-center");
        String name = "Call Pat " + UUID.randomUUID().toString().substring(0, 8);
        WebElement form = driver.findElement(By.cssSelector("form.task-form"));
        form.findElement(By.name("name")).sendKeys(name);
        new Select(form.findElement(By.name("personId"))).selectByValue(String.valueOf(personId));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(By.cssSelector("button[aria-label='Complete " + name + "']"));

        JsonNode created = await("the task created").atMost(QUICK).until(() -> taskNamed(rep, name), java.util.Objects::nonNull);
        assertThat(created.get("personId").asLong()).isEqualTo(personId);
        assertThat(driver.findElement(By.cssSelector("li[data-task='" + created.get("id").asLong() + "']")).getText())
                .contains("About person #" + personId);
        assertThat(unlabelledControls()).isEmpty();
        assertThat(browserErrors()).isEmpty();
    }

    @Test
    void thePickersPageThroughMoreThanAHundredRepsAndKeepTheChosenOne() throws IOException {
        long total = api.get("/api/reps?size=1").json().at("/page/totalItems").asLong();
        for (long i = total; i < 101; i++) {
            Response rep = api.post("/api/reps", object("email", uniqueEmail("paged"), "name", "Paged " + i, "timeZone", "UTC"));
            assertThat(rep.status()).as(rep.body()).isEqualTo(201);
        }
        JsonNode page = api.get("/api/reps?size=100&page=1").json();
        JsonNode last = page.get("items").get(page.get("items").size() - 1);
        String lastId = last.get("id").asText();
        String lastText = last.get("name").asText() + " <" + last.get("email").asText() + ">";
        String firstId = api.get("/api/reps?size=1").json().at("/items/0/id").asText();

        open("command-center?rep=" + lastId, "command-center");
        Select picker = new Select(driver.findElement(By.cssSelector("select[name=rep]")));
        // the chosen rep is not on the first page: it stays chosen, named once read by its id
        await("the chosen rep named").atMost(PAGE).until(() -> picker.getFirstSelectedOption().getText().equals(lastText));
        assertThat(values(picker)).contains(firstId);
        for (int width : WIDTHS) {
            screenshot("command-center-paged", width);
        }

        driver.findElement(By.xpath("//main//button[normalize-space()='Next 100']")).click();
        await("the second page").atMost(PAGE).until(() -> !values(picker).contains(firstId));
        assertThat(values(picker).stream().filter(lastId::equals)).hasSize(1);
        assertThat(picker.getFirstSelectedOption().getText()).isEqualTo(lastText);
        assertThat(driver.findElement(By.xpath("//main//button[normalize-space()='Next 100']")).isEnabled()).isEqualTo(
                page.at("/page/totalPages").asInt() > 2);

        driver.findElement(By.xpath("//main//button[normalize-space()='Previous 100']")).click();
        await("the first page again").atMost(PAGE).until(() -> values(picker).contains(firstId));
        assertThat(picker.getFirstSelectedOption().getAttribute("value")).isEqualTo(lastId);
        assertThat(unlabelledControls()).isEmpty();
        assertThat(browserErrors()).isEmpty();
    }

    private static List<String> values(Select select) {
        return select.getOptions().stream().map(option -> option.getAttribute("value")).toList();
    }

    @Test
    void anUnknownRepOrPersonIsAnErrorInWordsAndThePickersStay() {
        for (String route : List.of("command-center?rep=999999999", "diagnostics?rep=999999999", "diagnostics?person=999999999")) {
            driver.get(base() + "/console/#/" + route);
            driver.navigate().refresh();
            WebElement error = waitFor(By.cssSelector("main .error"));
            assertThat(error.getText()).as(route).contains("404");
            assertThat(driver.findElements(By.cssSelector("main select[name=rep]"))).as(route + ": the rep picker").hasSize(1);
        }
        // Chromium logs each 404 answer as a failed resource: those are expected, nothing else is
        assertThat(browserErrors()).filteredOn(error -> !error.contains("the server responded with a status of 404"))
                .isEmpty();
    }

    private void assertThatNoAlertIsOpen(String where) {
        try {
            String text = driver.switchTo().alert().getText();
            driver.switchTo().alert().dismiss();
            throw new AssertionError(where + ": an alert opened: " + text);
        } catch (org.openqa.selenium.NoAlertPresentException expected) {
            // nothing ran
        }
    }

    private List<String> unlabelledControls() {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('input, select, textarea')]"
                        + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))"
                        + ".map(e => e.name || e.outerHTML.slice(0, 80))");
        return names;
    }

    private JsonNode taskNamed(TestRep rep, String name) {
        for (JsonNode task : api.get("/api/tasks?rep=" + rep.id() + "&size=100").json().get("items")) {
            if (name.equals(task.get("name").asText())) {
                return task;
            }
        }
        return null;
    }

    private JsonNode repByEmail(String email) {
        for (JsonNode rep : api.get("/api/reps?size=100").json().get("items")) {
            if (email.equals(rep.get("email").asText())) {
                return rep;
            }
        }
        throw new AssertionError("no rep " + email);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** Opens the route and waits until its page has rendered (main[data-page], nothing loading). */
    private void open(String route, String page) {
        driver.get(base() + "/console/#/" + route);
        driver.navigate().refresh();
        waitForPage(page);
    }

    private void waitForPage(String page) {
        new WebDriverWait(driver, PAGE).until(d -> {
            WebElement main = d.findElement(By.id("main"));
            return page.equals(main.getAttribute("data-page")) && d.findElements(By.cssSelector("main .loading")).isEmpty()
                    || !d.findElements(By.cssSelector("main .error")).isEmpty();
        });
        List<WebElement> errors = driver.findElements(By.cssSelector("main .error"));
        assertThat(errors).as("an error on " + page + ": "
                + errors.stream().map(WebElement::getText).collect(Collectors.joining(" / "))).isEmpty();
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(driver, PAGE).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** The browser console's errors since the last call (reading the log empties it). */
    private List<String> browserErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** The whole page at this width, as target/console-screenshots/<route>-<width>.png. */
    private void screenshot(String route, int width) throws IOException {
        // the viewport is set exactly (a window's size includes what the browser draws around it),
        // then grown to the page's height, so that the picture is the whole page at that width
        metrics(width, 900);
        int height = 900;
        for (int tries = 0; tries < 3; tries++) {
            int measured = ((Number) ((JavascriptExecutor) driver).executeScript(
                    "return Math.ceil(Math.max(document.documentElement.scrollHeight, document.body.scrollHeight))")).intValue();
            if (measured == height) {
                break;
            }
            height = Math.min(Math.max(measured, 600), 8000);
            metrics(width, height);
        }
        Number scrollWidth = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).as(route + " fits " + width + " px without scrolling sideways").isLessThanOrEqualTo(width);
        File file = driver.getScreenshotAs(OutputType.FILE);
        String fileName = route.replaceAll("[^a-zA-Z0-9-]+", "-") + "-" + width + ".png";
        Files.copy(file.toPath(), SCREENSHOTS.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private void metrics(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }
}
