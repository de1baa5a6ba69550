package io.salesactivitysync.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesactivitysync.store.TaskSyncStore;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@link TaskChanges#read}: the raw JSON camel-salesforce hands over, a Change Data Capture
 * TaskChangeEvent or a PushTopic notification, into a {@link TaskEvent}; whatever cannot be read is
 * MALFORMED, never an exception. Only read() and ownChange() are exercised: the store, the metrics
 * and the transactions are mocks nothing calls.
 */
class TaskEventReadingTest {

    private static final String CDC = "/data/TaskChangeEvent";
    private static final String TOPIC = "/topic/TaskUpdates";
    private static final String TASK_ID = "00T5g000000000AEAQ";

    private final TaskChanges changes = new TaskChanges(mock(TaskSyncStore.class), TaskFixtures.mapping(),
            mock(TaskSyncMetrics.class), TaskFixtures.properties(), mock(PlatformTransactionManager.class), new ObjectMapper(),
            mock(TaskStreamWatch.class));

    private static String cdc(String header, String fields) {
        return "{\"data\":{\"schema\":\"x\",\"payload\":{\"ChangeEventHeader\":" + header + fields
                + "},\"event\":{\"replayId\":42}},\"channel\":\"/data/TaskChangeEvent\"}";
    }

    private static final String UPDATE = cdc("{\"entityName\":\"Task\",\"recordIds\":[\"" + TASK_ID + "\"],"
            + "\"changeType\":\"UPDATE\",\"changeOrigin\":\"com/salesforce/api/rest/56.0;client=sales-activity-sync\","
            + "\"commitTimestamp\":1764700000000,\"changedFields\":[\"Status\",\"LastModifiedDate\"]}",
            ",\"Status\":\"Completed\",\"LastModifiedDate\":\"2026-12-03T10:00:00.000Z\"");

    private TaskEvent readCdc(String raw) {
        return changes.read(raw, 42L, CDC, null, null);
    }

    private TaskEvent readPushTopic(String raw, String type) {
        return changes.read(raw, 7L, TOPIC, type, "2026-12-03T10:00:01.000+0000");
    }

    // ------------------------------------------------------------------ Change Data Capture

    @Test
    void aCdcUpdate() {
        TaskEvent event = readCdc(UPDATE);
        assertThat(event.channel()).isEqualTo(CDC);
        assertThat(event.replayId()).isEqualTo(42);
        assertThat(event.changeType()).isEqualTo("UPDATE");
        assertThat(event.recordIds()).containsExactly(TASK_ID);
        assertThat(event.changedFields()).containsExactly("Status", "LastModifiedDate");
        assertThat(event.values()).containsExactly(Map.entry("Status", "Completed"),
                Map.entry("LastModifiedDate", "2026-12-03T10:00:00.000Z"));
        assertThat(event.changeOrigin()).isEqualTo("com/salesforce/api/rest/56.0;client=sales-activity-sync");
        assertThat(event.committedAt()).isEqualTo(OffsetDateTime.parse("2025-12-02T18:26:40Z"));
        assertThat(event.needsReread()).isFalse();
        assertThat(changes.ownChange(event.changeOrigin())).isTrue();
    }

    @Test
    void withoutHeadersTheChannelIsTheConfiguredOneAndTheReplayIdTheEvents() {
        TaskEvent event = changes.read(UPDATE, null, null, null, null);
        assertThat(event.channel()).isEqualTo(CDC);
        assertThat(event.replayId()).isEqualTo(42);
        assertThat(event.changeType()).isEqualTo("UPDATE");
    }

    @Test
    void aCdcCreateCountsEveryFieldItCarries() {
        TaskEvent event = readCdc(cdc("{\"entityName\":\"Task\",\"recordIds\":[\"" + TASK_ID + "\"],\"changeType\":\"CREATE\","
                + "\"changeOrigin\":\"com/salesforce/api/rest/56.0;client=Astro\",\"commitTimestamp\":1764700000000,"
                + "\"changedFields\":[]}",
                ",\"OwnerId\":\"0055g00000AbCdEAAV\",\"Subject\":\"Call Bob\",\"Priority\":\"High\",\"Description\":null,"
                        + "\"ActivityDate\":\"2027-01-05\",\"TaskSubtype\":\"Task\""));
        assertThat(event.changeType()).isEqualTo("CREATE");
        assertThat(event.changedFields()).isNull();
        assertThat(event.values()).containsEntry("Subject", "Call Bob").containsEntry("ActivityDate", "2027-01-05")
                .containsEntry("Description", null).doesNotContainKey("ChangeEventHeader");
        assertThat(changes.ownChange(event.changeOrigin())).isFalse();
    }

    @Test
    void aGapEventNeedsTheRecordsReadAgain() {
        String second = "00T5g000000001B";
        TaskEvent event = readCdc(cdc("{\"entityName\":\"Task\",\"recordIds\":[\"" + TASK_ID + "\",\"" + second + "\"],"
                + "\"changeType\":\"GAP_UPDATE\",\"commitTimestamp\":1764700000000,\"changedFields\":[]}", ""));
        assertThat(event.changeType()).isEqualTo("GAP_UPDATE");
        assertThat(event.needsReread()).isTrue();
        assertThat(event.recordIds()).containsExactly(TASK_ID, second);
        assertThat(event.changeOrigin()).isEmpty();
        assertThat(changes.rereadQuery(event)).endsWith("FROM Task WHERE Id IN ('" + TASK_ID + "', '" + second + "')");
    }

    // ------------------------------------------------------------------ PushTopic

    @Test
    void aPushTopicUpdateIsReadAgain() {
        TaskEvent event = readPushTopic("{\"Id\":\"" + TASK_ID + "\",\"Subject\":\"Call Bob\",\"Status\":\"Completed\","
                + "\"OwnerId\":\"0055g00000AbCdEAAV\",\"ActivityDate\":null}", "updated");
        assertThat(event.channel()).isEqualTo(TOPIC);
        assertThat(event.replayId()).isEqualTo(7);
        assertThat(event.changeType()).isEqualTo("PUSHTOPIC_UPDATED");
        assertThat(event.needsReread()).isTrue();
        assertThat(event.recordIds()).containsExactly(TASK_ID);
        assertThat(event.changedFields()).isNull();
        assertThat(event.values()).containsEntry("Status", "Completed").containsEntry("ActivityDate", null);
        assertThat(event.changeOrigin()).isEmpty();
        assertThat(event.committedAt()).isEqualTo(OffsetDateTime.parse("2026-12-03T10:00:01Z"));

        assertThat(readPushTopic("{\"Id\":\"" + TASK_ID + "\"}", "created").changeType()).isEqualTo("PUSHTOPIC_CREATED");
        assertThat(readPushTopic("{\"Id\":\"" + TASK_ID + "\"}", "undeleted").changeType()).isEqualTo("PUSHTOPIC_UNDELETED");
    }

    @Test
    void aPushTopicDeleteIsADelete() {
        TaskEvent event = readPushTopic("{\"Id\":\"" + TASK_ID + "\"}", "deleted");
        assertThat(event.changeType()).isEqualTo("DELETE");
        assertThat(event.needsReread()).isFalse();
        assertThat(event.recordIds()).containsExactly(TASK_ID);
    }

    @Test
    void theConfiguredPushTopicChannelIsUsedWithoutAChannelHeader() {
        TaskChanges pushTopic = new TaskChanges(mock(TaskSyncStore.class), TaskFixtures.mapping(), mock(TaskSyncMetrics.class),
                TaskFixtures.properties(TOPIC, new TaskSyncProperties.Mapping(TaskFixtures.FIELDS, TaskFixtures.STATUS,
                        TaskFixtures.PRIORITY)),
                mock(PlatformTransactionManager.class), new ObjectMapper(), mock(TaskStreamWatch.class));
        TaskEvent event = pushTopic.read("{\"Id\":\"" + TASK_ID + "\"}", 9L, null, "updated", null);
        assertThat(event.channel()).isEqualTo(TOPIC);
        assertThat(event.changeType()).isEqualTo("PUSHTOPIC_UPDATED");
        assertThat(event.committedAt()).isNull();
    }

    // ------------------------------------------------------------------ what cannot be read

    static Stream<Arguments> hostileCdc() {
        String deepArrays = "[".repeat(10_000) + "]".repeat(10_000);
        String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        String header = "{\"entityName\":\"Task\",\"changeType\":\"UPDATE\",\"changedFields\":[\"Status\"],\"recordIds\":";
        return Stream.of(
                Arguments.of("not JSON", "{not json"),
                Arguments.of("empty", ""),
                Arguments.of("blank", "  \n"),
                Arguments.of("no body", null),
                Arguments.of("a JSON array", "[1,2,3]"),
                Arguments.of("a JSON string", "\"x\""),
                Arguments.of("JSON null", "null"),
                Arguments.of("deeply nested arrays", deepArrays),
                Arguments.of("deeply nested objects", deepObjects),
                Arguments.of("deeply nested field", cdc(header + "[\"" + TASK_ID + "\"]}", ",\"Description\":" + deepObjects)),
                Arguments.of("a 5 MB string", "x".repeat(5 * 1024 * 1024)),
                Arguments.of("a 5 MB JSON string", "\"" + "x".repeat(5 * 1024 * 1024) + "\""),
                Arguments.of("truncated", UPDATE.substring(0, UPDATE.length() / 2)),
                Arguments.of("a crafted record id", cdc(header + "[\"00T' OR 1=1\"]}", ",\"Status\":\"Completed\"")),
                Arguments.of("a crafted among good ids", cdc(header + "[\"" + TASK_ID + "\",\"00T' OR 1=1\"]}", "")),
                Arguments.of("a record id with a wrong case suffix", cdc(header + "[\"00T5g000000000AAAA\"]}", "")),
                Arguments.of("no record ids", cdc(header + "[]}", "")),
                Arguments.of("recordIds a number", cdc(header + "123456789012345}", "")),
                Arguments.of("recordIds an object", cdc(header + "{\"id\":\"" + TASK_ID + "\"}}", "")),
                Arguments.of("recordIds of numbers that look like ids", cdc(header + "[123456789012345]}", "")),
                Arguments.of("recordIds of objects", cdc(header + "[{\"id\":\"" + TASK_ID + "\"}]}", "")),
                Arguments.of("no ChangeEventHeader", "{\"data\":{\"payload\":{\"Status\":\"Completed\"},"
                        + "\"event\":{\"replayId\":42}},\"channel\":\"/data/TaskChangeEvent\"}"),
                Arguments.of("ChangeEventHeader a string", "{\"data\":{\"payload\":{\"ChangeEventHeader\":\"UPDATE\"}}}"),
                Arguments.of("payload an array", "{\"data\":{\"payload\":[1]}}"),
                Arguments.of("no data", "{\"channel\":\"/data/TaskChangeEvent\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileCdc")
    void anUnreadableCdcEventIsMalformed(String what, String raw) {
        TaskEvent event = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> readCdc(raw));
        assertMalformed(event, CDC, 42);
    }

    @Test
    void aMalformedEventWithoutAReplayIdHeaderHasNone() {
        assertMalformed(changes.read("{not json", null, null, null, null), CDC, -1);
    }

    static Stream<Arguments> hostilePushTopic() {
        return Stream.of(
                Arguments.of("not JSON", "{not json", "updated"),
                Arguments.of("empty", "", "updated"),
                Arguments.of("no body", null, "updated"),
                Arguments.of("no event type", "{\"Id\":\"" + TASK_ID + "\"}", null),
                Arguments.of("a JSON array", "[\"" + TASK_ID + "\"]", "updated"),
                Arguments.of("no Id", "{\"Subject\":\"x\"}", "updated"),
                Arguments.of("Id null", "{\"Id\":null}", "deleted"),
                Arguments.of("a crafted Id", "{\"Id\":\"00T' OR 1=1\"}", "updated"),
                Arguments.of("an Id that is a number", "{\"Id\":123456789012345}", "updated"),
                Arguments.of("an Id of an object", "{\"Id\":{\"x\":\"" + TASK_ID + "\"}}", "updated"),
                Arguments.of("deeply nested", "{\"Id\":\"" + TASK_ID + "\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000)
                        + "}", "updated"),
                Arguments.of("a 5 MB string", "y".repeat(5 * 1024 * 1024), "updated"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostilePushTopic")
    void anUnreadablePushTopicNotificationIsMalformed(String what, String raw, String type) {
        TaskEvent event = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> readPushTopic(raw, type));
        assertMalformed(event, TOPIC, 7);
    }

    private static void assertMalformed(TaskEvent event, String channel, long replayId) {
        assertThat(event.changeType()).isEqualTo("MALFORMED");
        assertThat(event.channel()).isEqualTo(channel);
        assertThat(event.replayId()).isEqualTo(replayId);
        assertThat(event.recordIds()).isEmpty();
        assertThat(event.values()).isEmpty();
        assertThat(event.needsReread()).isFalse();
    }

    // ------------------------------------------------------------------ the product's own changes

    @ParameterizedTest
    @ValueSource(strings = {"com/salesforce/api/rest/56.0;client=sales-activity-sync",
            "com/salesforce/api/rest/56.0;client=sales-activity-sync;x=y", "client=sales-activity-sync"})
    void anOriginNamingTheClientIdIsTheProducts(String origin) {
        assertThat(changes.ownChange(origin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"com/salesforce/api/rest/56.0;client=sales-activity-sync-other",
            "com/salesforce/api/rest/56.0;client=other;x=sales-activity-sync", "client=other;x=sales-activity-sync",
            "com/salesforce/api/soap/56.0;client=SfdcInternalAPI/", "com/salesforce/api/rest/56.0", "",
            "client=sales-activity-syn", "client=Sales-Activity-Sync"})
    void anyOtherOriginIsNot(String origin) {
        assertThat(changes.ownChange(origin)).isFalse();
    }

    @Test
    void noOriginIsNotTheProducts() {
        assertThat(changes.ownChange(null)).isFalse();
        assertThat(List.of(readCdc(UPDATE).changeOrigin())).allMatch(changes::ownChange);
    }
}
