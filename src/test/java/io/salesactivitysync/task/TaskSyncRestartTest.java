package io.salesactivitysync.task;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.toJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesactivitysync.ApiClient;
import io.salesactivitysync.SalesforceOrgClient;
import io.salesactivitysync.TestSandboxPorts;
import io.salesactivitysync.sandbox.SandboxApplication;
import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.rest.RestResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * The application stopped while Salesforce goes on changing the rep's Tasks, then started again
 * on the same database: every change made meanwhile reaches the product, each once. Salesforce
 * (the emulator, configured as the sandbox's) outlives the two runs of the application.
 */
class TaskSyncRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final String TOKEN = "restart-test-token-0123456789abcdef";

    @TempDir
    Path data;

    private SalesforceEmulator salesforce;
    private ConfigurableApplicationContext app;
    private ApiClient api;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void salesforceOutlivesTheApplication() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("sandbox", new FileSystemResource("config/application-sandbox.yml"))
                .forEach(environment.getPropertySources()::addLast);
        EmulatorSettings settings = Binder.get(environment).bind("sandbox.salesforce", EmulatorSettings.class).get();
        salesforce = SalesforceEmulator.builder(settings.toBuilder().port(0).stateFile(null).adminToken("").build())
                .build().start();
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    @AfterEach
    void stopAll() {
        if (app != null) {
            app.close();
        }
        salesforce.close();
        Awaitility.reset();
    }

    @Test
    void changesMadeInSalesforceWhileTheApplicationIsDownArriveAfterItStartsAgain() {
        start();
        SalesforceOrgClient org = new SalesforceOrgClient(salesforce.baseUrl());
        String email = ApiClient.uniqueEmail("restart");
        String userId = org.create("User", toJson(object("Username", email, "LastName", "Restart", "Email", email,
                "Alias", "rst", "IsActive", true, "TimeZoneSidKey", "GMT", "LocaleSidKey", "en_US",
                "EmailEncodingKey", "UTF-8", "LanguageLocaleKey", "en_US")));
        long repId = api.post("/api/reps", object("email", email, "name", "Restart", "timeZone", "Europe/Berlin",
                "salesforceUserId", userId)).json().get("id").asLong();
        assertThat(api.put("/api/reps/" + repId + "/settings", object("taskSyncMode", "sync")).status()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> "UP".equals(streamHealth()) && subscribed());

        List<Long> tasks = new ArrayList<>();
        List<String> sfIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            long id = api.post("/api/tasks", object("name", "Before the restart " + i, "repId", repId,
                    "dueDate", "2026-12-1" + i)).json().get("id").asLong();
            tasks.add(id);
            sfIds.add(await().atMost(PATIENCE).until(() -> api.get("/api/tasks/" + id).json(),
                    t -> "synced".equals(t.path("syncState").asText())).get("salesforceTaskId").asText());
        }
        // one change through the stream before the stop, so that the checkpoint holds a replay id
        writeAs("PATCH", "sobjects/Task/" + sfIds.get(0), object("Description", "before the stop"));
        await().atMost(PATIENCE).until(() -> "before the stop".equals(api.get("/api/tasks/" + tasks.get(0)).json()
                .path("details").asText()));

        app.close();
        app = null;
        for (int round = 1; round <= 3; round++) {
            writeAs("PATCH", "sobjects/Task/" + sfIds.get(0), object("Description", "while down " + round));
        }
        writeAs("PATCH", "sobjects/Task/" + sfIds.get(0), object("Status", "Completed"));
        writeAs("DELETE", "sobjects/Task/" + sfIds.get(1), null);
        String createdWhileDown = writeAs("POST", "sobjects/Task", object("Subject", "Created while down",
                "OwnerId", userId, "Status", "Not Started", "Priority", "High")).get("id").asText();

        start();
        // the changes arrive one by one, in their order: the status is the last of them
        JsonNode first = await().atMost(PATIENCE).until(() -> api.get("/api/tasks/" + tasks.get(0)).json(),
                task -> "completed".equals(task.path("status").asText()));
        assertThat(first.get("details").asText()).isEqualTo("while down 3");
        await().atMost(PATIENCE).until(() -> api.get("/api/tasks/" + tasks.get(1)).status() == 404);
        JsonNode imported = await().atMost(PATIENCE).until(() -> api.get("/api/tasks?rep=" + repId).json().get("items"),
                items -> contains(items, createdWhileDown));
        assertThat(imported).isNotNull();

        List<String> applied = new ArrayList<>();
        api.get("/api/tasks/" + tasks.get(0) + "/history").json().forEach(entry -> {
            if ("applied".equals(entry.path("event").asText())) {
                applied.add(entry.path("detail").asText());
            }
        });
        assertThat(applied).as("before the stop, three descriptions and the status while down; each once").hasSize(5);
    }

    private void start() {
        SpringApplication application = SandboxApplication.application();
        application.addInitializers(new TestSandboxPorts());
        app = application.run("--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE",
                "--sandbox.salesforce.enabled=false",
                "--sandbox.salesforce.port=" + salesforce.port(),
                "--sas.api.token=" + TOKEN,
                "--sas.mail.bcc.enabled=false",
                "--sas.tasks.reconcile-cron=0 0 0 1 1 ? 2099",
                "--sas.tasks.subscribe-timeout=10s");
        api = new ApiClient(((WebServerApplicationContext) app).getWebServer().getPort(), TOKEN);
    }

    private String streamHealth() {
        return api.send(api.request("/actuator/health/taskStream").GET()).json().path("status").asText();
    }

    private boolean subscribed() {
        return app.getBean(TaskStreamWatch.class).subscribed();
    }

    private JsonNode writeAs(String method, String path, Object body) {
        RestResponse response = salesforce.admin().writeAs("sam@sandbox.example", method, path,
                body == null ? null : json.valueToTree(body));
        assertThat(response.status()).as(String.valueOf(response.body())).isBetween(200, 204);
        return response.body();
    }

    private static boolean contains(JsonNode items, String salesforceTaskId) {
        for (JsonNode item : items) {
            if (salesforceTaskId.equals(item.path("salesforceTaskId").asText())) {
                return true;
            }
        }
        return false;
    }
}
