package io.salesactivitysync.sandbox.salesforce.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.salesactivitysync.sandbox.salesforce.EmulatorClock;
import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a state file, the streaming side survives a restart of the emulator as the org does: the
 * retained events keep their replay ids, replay resumes exactly after a saved id, new ids carry on
 * above the old ones, and retention still counts. Whenever the saved events cannot be trusted,
 * old ids are refused rather than matched against new events.
 */
class StreamingStateAcrossRestartsTest {

    private static final String TASKS = "/data/TaskChangeEvent";
    private static final String TOPIC = "/topic/AllTasks";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private final List<SalesforceEmulator> started = new ArrayList<>();

    @AfterEach
    void stopEmulators() {
        started.forEach(SalesforceEmulator::close);
    }

    @Test
    void retainedEventsKeepTheirReplayIdsAndReplayResumesExactlyAfterASavedId() {
        List<Map<String, Object>> before;
        List<Map<String, Object>> topicBefore;
        try (SalesforceEmulator first = start(EmulatorClock.utc())) {
            TestHttp http = login(first);
            createPushTopic(http);
            BayeuxTestClient watcher = subscribed(first, TASKS, -1);
            assertThat(watcher.subscribe(TOPIC, Map.of(TOPIC, -1))).containsEntry("successful", true);
            createTasks(http, "One", "Two", "Three");
            List<Map<String, Object>> seen = collect(watcher, 6);
            before = on(TASKS, seen);
            topicBefore = on(TOPIC, seen);
        }
        List<Long> ids = replayIds(before);
        assertThat(ids).hasSize(3).isSorted().doesNotHaveDuplicates();
        assertThat(streamingFile()).exists();

        SalesforceEmulator second = start(EmulatorClock.utc());
        BayeuxTestClient everything = subscribed(second, TASKS, -2);
        assertThat(everything.subscribe(TOPIC, Map.of(TOPIC, -2))).containsEntry("successful", true);
        List<Map<String, Object>> replayed = collect(everything, 6);
        assertThat(on(TASKS, replayed)).as("the same events, replay ids and all").isEqualTo(before);
        assertThat(on(TOPIC, replayed)).isEqualTo(topicBefore);

        BayeuxTestClient resumed = subscribed(second, TASKS, ids.get(0));
        assertThat(replayIds(collect(resumed, 2))).containsExactly(ids.get(1), ids.get(2));

        createTasks(login(second), "Four");
        long next = replayIds(collect(resumed, 1)).get(0);
        assertThat(next).isGreaterThan(ids.get(2));
        assertThat(replayIds(on(TASKS, collect(everything, 2)))).containsExactly(next);
        assertThat(subject(on(TASKS, collect(subscribed(second, TASKS, ids.get(2)), 1)).get(0))).isEqualTo("Four");
    }

    @Test
    void retentionStillCountsAfterARestartOnTheEmulatorsClock() {
        long taskId;
        long topicId;
        try (SalesforceEmulator first = start(EmulatorClock.utc())) {
            TestHttp http = login(first);
            createPushTopic(http);
            BayeuxTestClient watcher = subscribed(first, TASKS, -1);
            assertThat(watcher.subscribe(TOPIC, Map.of(TOPIC, -1))).containsEntry("successful", true);
            createTasks(http, "Old");
            List<Map<String, Object>> seen = collect(watcher, 2);
            taskId = replayIds(on(TASKS, seen)).get(0);
            topicId = replayIds(on(TOPIC, seen)).get(0);
        }

        EmulatorClock dayLater = EmulatorClock.utc();
        dayLater.advance(Duration.ofHours(25));
        try (SalesforceEmulator second = start(dayLater)) {
            BayeuxTestClient client = connected(second);
            assertThat(client.subscribe(TOPIC, Map.of(TOPIC, topicId))).as("PushTopic events last 24 hours")
                    .containsEntry("error", StreamingErrors.invalidReplayId(topicId));
            assertThat(client.subscribe(TASKS, Map.of(TASKS, taskId))).as("change events last 72 hours")
                    .containsEntry("successful", true);
        }

        EmulatorClock threeDaysLater = EmulatorClock.utc();
        threeDaysLater.advance(Duration.ofHours(73));
        SalesforceEmulator third = start(threeDaysLater);
        BayeuxTestClient client = connected(third);
        assertThat(client.subscribe(TASKS, Map.of(TASKS, taskId))).containsEntry("error", StreamingErrors.invalidReplayId(taskId));
        assertThat(client.subscribe(TASKS, Map.of(TASKS, -2))).containsEntry("successful", true);
        createTasks(login(third), "New");
        List<Map<String, Object>> events = collect(client, 1);
        assertThat(events).extracting(StreamingStateAcrossRestartsTest::subject).containsExactly("New");
        assertThat(replayIds(events).get(0)).as("ids never go back").isGreaterThan(taskId);
    }

    @Test
    void aStreamingFileBehindTheOrgRefusesEveryOldIdAndNumbersNewEventsAboveThem() throws IOException {
        Path savedAfterOne = directory.resolve("streaming-after-one.json");
        long first;
        long last;
        try (SalesforceEmulator emulator = start(EmulatorClock.utc())) {
            TestHttp http = login(emulator);
            BayeuxTestClient watcher = subscribed(emulator, TASKS, -1);
            createTasks(http, "One");
            first = replayIds(collect(watcher, 1)).get(0);
            Files.copy(streamingFile(), savedAfterOne);
            createTasks(http, "Two");
            last = replayIds(collect(watcher, 1)).get(0);
        }
        // As if the emulator died after saving the org of the second commit, before its events.
        Files.copy(savedAfterOne, streamingFile(), StandardCopyOption.REPLACE_EXISTING);

        SalesforceEmulator restarted = start(EmulatorClock.utc());
        BayeuxTestClient client = connected(restarted);
        for (long old : List.of(first, last)) {
            assertThat(client.subscribe(TASKS, Map.of(TASKS, old))).as("replaying from %d would skip Two unseen", old)
                    .containsEntry("error", StreamingErrors.invalidReplayId(old));
        }
        assertThat(client.subscribe(TASKS, Map.of(TASKS, -2))).containsEntry("successful", true);
        createTasks(login(restarted), "Three");
        List<Map<String, Object>> events = collect(client, 1);
        assertThat(events).extracting(StreamingStateAcrossRestartsTest::subject).as("no replay across the hole")
                .containsExactly("Three");
        assertThat(replayIds(events).get(0)).isGreaterThan(last);
    }

    @Test
    void withoutAStreamingFileNewIdsStartAboveAnyTheOrgsCommitsCanHaveUsed() throws IOException {
        long last;
        try (SalesforceEmulator emulator = start(EmulatorClock.utc())) {
            BayeuxTestClient watcher = subscribed(emulator, TASKS, -1);
            createTasks(login(emulator), "One", "Two");
            last = replayIds(collect(watcher, 2)).get(1);
        }
        // A state file saved before the streaming side was kept.
        Files.delete(streamingFile());

        SalesforceEmulator restarted = start(EmulatorClock.utc());
        BayeuxTestClient client = connected(restarted);
        assertThat(client.subscribe(TASKS, Map.of(TASKS, last))).containsEntry("error", StreamingErrors.invalidReplayId(last));
        assertThat(client.subscribe(TASKS, Map.of(TASKS, -1))).containsEntry("successful", true);
        createTasks(login(restarted), "Three");
        assertThat(replayIds(collect(client, 1)).get(0)).isGreaterThan(last);
        assertThat(streamingFile()).as("saved again from the start").exists();
    }

    @Test
    void aTruncatedOrTamperedStreamingFileStopsTheStartWithTheReasonAndTheWayOut() throws IOException {
        try (SalesforceEmulator emulator = start(EmulatorClock.utc())) {
            BayeuxTestClient watcher = subscribed(emulator, TASKS, -1);
            createTasks(login(emulator), "One", "Two");
            collect(watcher, 2);
        }
        String saved = Files.readString(streamingFile());
        String org = Files.readString(orgFile());

        Files.writeString(streamingFile(), saved.substring(0, saved.length() / 2));
        assertThatThrownBy(() -> start(EmulatorClock.utc()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The streaming state file " + streamingFile() + " is damaged")
                .hasMessageContaining("not complete JSON")
                .hasMessageContaining("delete it to start the stream without retained events");

        Files.writeString(streamingFile(), saved.replaceFirst("\"replayId\" : (\\d+)", "\"replayId\" : 999999999"));
        assertThatThrownBy(() -> start(EmulatorClock.utc()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is damaged")
                .hasMessageContaining("replay id 999999999");

        Files.writeString(streamingFile(), "");
        assertThatThrownBy(() -> start(EmulatorClock.utc())).hasMessageContaining("is damaged");
        assertThat(Files.readString(orgFile())).as("a refused start writes nothing").isEqualTo(org);
    }

    @Test
    void bothFilesAreReplacedWholeAndNoTemporaryFileStaysBehind() throws IOException {
        try (SalesforceEmulator emulator = start(EmulatorClock.utc())) {
            createTasks(login(emulator), "One", "Two", "Three");
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).containsExactlyInAnyOrder(orgFile(), streamingFile());
        }
    }

    // --- the emulator and its files ------------------------------------------------------------

    private SalesforceEmulator start(EmulatorClock clock) {
        EmulatorSettings settings = EmulatorSettings.builder().stateFile(orgFile())
                .longPollTimeout(Duration.ofSeconds(1)).clientTimeout(Duration.ofSeconds(5)).build();
        SalesforceEmulator emulator = SalesforceEmulator.builder(settings).clock(clock).build().start();
        started.add(emulator);
        return emulator;
    }

    private Path orgFile() {
        return directory.resolve("org.json");
    }

    private Path streamingFile() {
        return directory.resolve("org.streaming.json");
    }

    private static TestHttp login(SalesforceEmulator emulator) {
        return TestHttp.loggedIn(emulator.baseUrl(), "integration@sandbox.example");
    }

    private static void createPushTopic(TestHttp http) {
        assertThat(http.api("POST", "sobjects/PushTopic", "{\"Name\":\"AllTasks\",\"Query\":\"SELECT Id, Subject FROM Task\","
                + "\"ApiVersion\":56.0}").status()).isEqualTo(201);
    }

    private static void createTasks(TestHttp http, String... subjects) {
        for (String subject : subjects) {
            assertThat(http.api("POST", "sobjects/Task", "{\"Subject\":\"" + subject + "\"}").status()).isEqualTo(201);
        }
    }

    // --- the stream, over raw Bayeux -----------------------------------------------------------

    private static BayeuxTestClient connected(SalesforceEmulator emulator) {
        String token = new TestHttp(emulator.baseUrl(), null).token(Map.of("grant_type", "password", "client_id", "sandbox-client",
                "client_secret", "sandbox-secret", "username", "integration@sandbox.example", "password", "sandbox"))
                .body().get("access_token").asText();
        BayeuxTestClient client = new BayeuxTestClient(emulator.baseUrl() + "/cometd/56.0", token);
        assertThat(client.handshake()).containsEntry("successful", true);
        assertThat(client.firstConnect()).containsEntry("successful", true);
        return client;
    }

    private static BayeuxTestClient subscribed(SalesforceEmulator emulator, String channel, long replayFrom) {
        BayeuxTestClient client = connected(emulator);
        assertThat(client.subscribe(channel, Map.of(channel, replayFrom))).containsEntry("successful", true);
        return client;
    }

    /** Long-polls until this many events came, failing on any unsuccessful reply. */
    private static List<Map<String, Object>> collect(BayeuxTestClient client, int count) {
        List<Map<String, Object>> events = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            List<Map<String, Object>> messages = client.connect();
            assertThat(messages.get(messages.size() - 1)).containsEntry("successful", true);
            events.addAll(BayeuxTestClient.events(messages));
            return events.size() >= count;
        });
        assertThat(events).hasSize(count);
        return events;
    }

    private static List<Map<String, Object>> on(String channel, List<Map<String, Object>> events) {
        return events.stream().filter(event -> channel.equals(event.get("channel"))).toList();
    }

    private static List<Long> replayIds(List<Map<String, Object>> events) {
        return events.stream().map(event -> ((Number) ((Map<?, ?>) data(event).get("event")).get("replayId")).longValue())
                .toList();
    }

    private static String subject(Map<String, Object> event) {
        Map<?, ?> data = data(event);
        Object body = data.containsKey("payload") ? data.get("payload") : data.get("sobject");
        return String.valueOf(((Map<?, ?>) body).get("Subject"));
    }

    private static Map<?, ?> data(Map<String, Object> event) {
        return (Map<?, ?>) event.get("data");
    }
}
