package io.salesactivitysync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.salesactivitysync.sandbox.salesforce.org.PushTopicDefinition;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import io.salesactivitysync.sandbox.salesforce.streaming.StreamingApi;
import io.salesactivitysync.sandbox.salesforce.streaming.StreamingSnapshot;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The emulator mounts a Streaming API built by the given factory, feeds it commits and delegates the admin knobs. */
class StreamingHookTest {

    /** A test double that records what the emulator does with it. */
    static final class RecordingStreamingApi implements StreamingApi {
        final StreamingDependencies dependencies;
        final List<List<RecordChange>> commits = new CopyOnWriteArrayList<>();
        final AtomicInteger drops = new AtomicInteger();
        final AtomicInteger restarts = new AtomicInteger();
        volatile boolean closed;
        volatile StreamingSnapshot saved;

        RecordingStreamingApi(StreamingDependencies dependencies) {
            this.dependencies = dependencies;
        }

        @Override
        public void register(ServletContext servletContext) {
            servletContext.addServlet("recording-cometd", new HttpServlet() {
                @Override
                protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    response.setContentType("application/json");
                    response.getWriter().write("[{\"channel\":\"/meta/handshake\",\"successful\":true}]");
                }
            }).addMapping("/cometd/*");
        }

        @Override
        public void onCommit(List<RecordChange> transaction) {
            commits.add(transaction);
        }

        @Override
        public void gapEvents(boolean on) {
        }

        @Override
        public void dropAllClients() {
            drops.incrementAndGet();
        }

        @Override
        public void restart() {
            restarts.incrementAndGet();
        }

        @Override
        public int connectedClients() {
            return 0;
        }

        @Override
        public void persist(StreamingSnapshot saved, Consumer<StreamingSnapshot> save) {
            this.saved = saved;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void mountsFeedsAndDelegatesToTheStreamingApi() {
        RecordingStreamingApi[] built = new RecordingStreamingApi[1];
        SalesforceEmulator emulator = SalesforceEmulator.builder(EmulatorSettings.builder().build())
                .streaming(deps -> built[0] = new RecordingStreamingApi(deps)).build().start();
        RecordingStreamingApi streaming = built[0];
        try {
            EmulatorHttp http = new EmulatorHttp(emulator.baseUrl()).loginAsIntegrationUser();
            assertThat(http.raw("POST", "/cometd/56.0/handshake", "[]").text()).contains("/meta/handshake");

            assertThat(streaming.dependencies.tokenValidator().validate(http.accessToken())).isPresent();
            assertThat(streaming.dependencies.clock()).isSameAs(emulator.clock());
            assertThat(streaming.dependencies.soqlCompiler().compile("SELECT Id FROM Task").entityName()).isEqualTo("Task");
            assertThat(streaming.dependencies.settings()).isEqualTo(emulator.settings().streaming());

            http.api("POST", "sobjects/PushTopic", "{\"Name\":\"TaskTopic\",\"Query\":\"SELECT Id, Subject FROM Task\","
                    + "\"ApiVersion\":56.0,\"NotifyForFields\":\"Referenced\",\"attributes\":{\"type\":\"PushTopic\"}}");
            assertThat(streaming.dependencies.pushTopics().findByName("TaskTopic")).hasValueSatisfying(topic -> {
                assertThat(topic.query()).isEqualTo("SELECT Id, Subject FROM Task");
                assertThat(topic.apiVersion()).isEqualTo("56.0");
                assertThat(topic.active()).isTrue();
                assertThat(topic.notifyForOperationDelete()).isTrue();
            });
            assertThat(streaming.commits).hasSize(1);
            assertThat(streaming.saved).as("no state file, so nothing to keep").isNull();

            assertThat(http.admin("POST", "/streaming/drop-clients", null).status()).isEqualTo(200);
            assertThat(http.admin("POST", "/streaming/restart", null).status()).isEqualTo(200);
            assertThat(streaming.drops).hasValue(1);
            assertThat(streaming.restarts).hasValue(1);
        } finally {
            emulator.close();
        }
        assertThat(streaming.closed).isTrue();
    }

    @Test
    void withoutAFactoryThereIsNoCometdEndpoint() {
        try (SalesforceEmulator emulator = SalesforceEmulator.builder(EmulatorSettings.builder().build())
                .streaming(null).build().start()) {
            EmulatorHttp.Result result = new EmulatorHttp(emulator.baseUrl()).raw("POST", "/cometd/56.0/handshake", "[]");
            assertThat(result.status()).isEqualTo(404);
        }
    }

    @Test
    void pushTopicsWithQueriesTheOrgCannotRunAreRefused() {
        try (SalesforceEmulator emulator = SalesforceEmulator.builder(EmulatorSettings.builder().build()).build().start()) {
            EmulatorHttp http = new EmulatorHttp(emulator.baseUrl()).loginAsIntegrationUser();
            EmulatorHttp.Result bad = http.api("POST", "sobjects/PushTopic",
                    "{\"Name\":\"Bad\",\"Query\":\"SELECT Id FROM Task WHERE\",\"ApiVersion\":56.0}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body().get(0).get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
            EmulatorHttp.Result noId = http.api("POST", "sobjects/PushTopic",
                    "{\"Name\":\"NoId\",\"Query\":\"SELECT Subject FROM Task\",\"ApiVersion\":56.0}");
            assertThat(noId.status()).isEqualTo(400);
            http.api("POST", "sobjects/PushTopic", "{\"Name\":\"Twice\",\"Query\":\"SELECT Id FROM Task\",\"ApiVersion\":56.0}");
            EmulatorHttp.Result duplicate = http.api("POST", "sobjects/PushTopic",
                    "{\"Name\":\"Twice\",\"Query\":\"SELECT Id FROM Task\",\"ApiVersion\":56.0}");
            assertThat(duplicate.body().get(0).get("errorCode").asText()).isEqualTo("DUPLICATE_VALUE");
            assertThat(emulator.pushTopicCatalog().findByName("Nope")).isEmpty();
        }
    }

    @Test
    void theCatalogListsActiveAndInactiveTopicsButNotDeletedOnes() {
        try (SalesforceEmulator emulator = SalesforceEmulator.builder(EmulatorSettings.builder().build()).build().start()) {
            EmulatorHttp http = new EmulatorHttp(emulator.baseUrl()).loginAsIntegrationUser();
            http.api("POST", "sobjects/PushTopic", "{\"Name\":\"Active\",\"Query\":\"SELECT Id FROM Task\",\"ApiVersion\":56.0}");
            http.api("POST", "sobjects/PushTopic",
                    "{\"Name\":\"Paused\",\"Query\":\"SELECT Id FROM Lead\",\"ApiVersion\":56.0,\"IsActive\":false}");
            String gone = http.api("POST", "sobjects/PushTopic",
                    "{\"Name\":\"Gone\",\"Query\":\"SELECT Id FROM Task\",\"ApiVersion\":56.0}").body().get("id").asText();
            assertThat(http.api("DELETE", "sobjects/PushTopic/" + gone, null).status()).isEqualTo(204);

            assertThat(emulator.pushTopicCatalog().findAll())
                    .extracting(PushTopicDefinition::name, PushTopicDefinition::active, PushTopicDefinition::query)
                    .containsExactly(tuple("Active", true, "SELECT Id FROM Task"), tuple("Paused", false, "SELECT Id FROM Lead"));
        }
    }

    @Test
    void notifyForOperationsIsReadOnlyAndFollowsTheCreateAndUpdateFlags() {
        try (SalesforceEmulator emulator = SalesforceEmulator.builder(EmulatorSettings.builder().build()).build().start()) {
            EmulatorHttp http = new EmulatorHttp(emulator.baseUrl()).loginAsIntegrationUser();
            String id = http.api("POST", "sobjects/PushTopic", "{\"Name\":\"CreatesOnly\",\"Query\":\"SELECT Id FROM Task\","
                    + "\"ApiVersion\":56.0,\"NotifyForOperationUpdate\":false,\"NotifyForOperationDelete\":false}")
                    .body().get("id").asText();
            assertThat(notifyForOperations(http, id)).isEqualTo("Create");
            http.api("PATCH", "sobjects/PushTopic/" + id, "{\"NotifyForOperationCreate\":false,\"NotifyForOperationUpdate\":true}");
            assertThat(notifyForOperations(http, id)).isEqualTo("Update");
            http.api("PATCH", "sobjects/PushTopic/" + id, "{\"NotifyForOperationUpdate\":false}");
            assertThat(notifyForOperations(http, id)).as("neither creates nor updates").isEqualTo("Extended");
            http.api("PATCH", "sobjects/PushTopic/" + id, "{\"NotifyForOperationCreate\":true,\"NotifyForOperationUpdate\":true}");
            assertThat(notifyForOperations(http, id)).isEqualTo("All");

            EmulatorHttp.Result written = http.api("PATCH", "sobjects/PushTopic/" + id, "{\"NotifyForOperations\":\"Create\"}");
            assertThat(written.status()).isEqualTo(400);
            assertThat(written.body().get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
        }
    }

    private static String notifyForOperations(EmulatorHttp http, String id) {
        return http.api("GET", "sobjects/PushTopic/" + id + "?fields=NotifyForOperations", null).body()
                .get("NotifyForOperations").asText();
    }
}
