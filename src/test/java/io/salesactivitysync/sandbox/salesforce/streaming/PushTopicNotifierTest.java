package io.salesactivitysync.sandbox.salesforce.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import io.salesactivitysync.sandbox.salesforce.org.ChangeType;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which PushTopics a committed change notifies, and with what: the notifier on the emulator's own
 * PushTopic records and SOQL compiler, the topics created through its REST API.
 */
class PushTopicNotifierTest {

    private static final Instant AT = Instant.parse("2017-05-16T23:05:50.173Z");
    private static final String TASK_ID = "00T5g00000AbCdEFGH";
    private static final String QUERY = "SELECT Id, Subject, Status, ActivityDate FROM Task WHERE Priority = 'High'";

    @TempDir
    Path directory;

    private SalesforceEmulator emulator;
    private TestHttp rest;
    private PushTopicNotifier notifier;

    @BeforeEach
    void startEmulator() {
        start(EmulatorSettings.builder().build());
    }

    /** An emulator without a stream: its notifier is this test's own, which has seen no topic created. */
    private void start(EmulatorSettings settings) {
        emulator = SalesforceEmulator.builder(settings).streaming(null).build().start();
        rest = TestHttp.loggedIn(emulator.baseUrl(), "integration@sandbox.example");
        notifier = new PushTopicNotifier(emulator.pushTopicCatalog(), emulator.soqlCompiler());
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    @Test
    void reportsACreatedRecordThatMatchesWithItsSelectedFields() {
        watch("HighTasks", QUERY, "Referenced");

        List<PushTopicNotification> notifications = notifier.notificationsFor(created(task("High")));

        assertThat(notifications).singleElement().satisfies(notification -> {
            assertThat(notification.topicName()).isEqualTo("HighTasks");
            assertThat(notification.type()).isEqualTo("created");
            assertThat(notification.sobject()).containsExactly(
                    Map.entry("Id", TASK_ID), Map.entry("Subject", "Call back"),
                    Map.entry("Status", "Not Started"), Map.entry("ActivityDate", "2025-01-15"));
            assertThat(notification.data(13)).isEqualTo(Map.of(
                    "event", Map.of("createdDate", "2017-05-16T23:05:50.173Z", "replayId", 13L, "type", "created"),
                    "sobject", notification.sobject()));
        });
        assertThat(notifier.notificationsFor(created(task("Normal")))).as("WHERE does not match").isEmpty();
    }

    @Test
    void referencedWatchesTheFieldsOfSelectAndWhere() {
        watch("HighTasks", QUERY, "Referenced");

        assertThat(notifier.notificationsFor(updated(task("High"), Map.of("Description", "x")))).isEmpty();
        assertThat(notifier.notificationsFor(updated(task("High"), Map.of("Status", "Completed"))))
                .singleElement().extracting(PushTopicNotification::type).isEqualTo("updated");
        assertThat(notifier.notificationsFor(updated(task("Normal"), Map.of("Priority", "High"))))
                .as("a WHERE field changed and the record now matches").hasSize(1);
        assertThat(notifier.notificationsFor(updated(task("High"), Map.of("Priority", "Low"))))
                .as("the record no longer matches").isEmpty();
    }

    @Test
    void selectWhereAndAllWatchWhatTheirNamesSay() {
        watch("BySelect", QUERY, "Select");
        watch("ByWhere", QUERY, "Where");
        watch("ByAll", QUERY, "All");

        assertThat(topicNames(notifier.notificationsFor(updated(task("High"), Map.of("Status", "Completed")))))
                .containsExactlyInAnyOrder("BySelect", "ByAll");
        assertThat(topicNames(notifier.notificationsFor(updated(task("Normal"), Map.of("Priority", "High")))))
                .containsExactlyInAnyOrder("ByWhere", "ByAll");
        assertThat(topicNames(notifier.notificationsFor(updated(task("High"), Map.of("Description", "x")))))
                .containsExactly("ByAll");
    }

    @Test
    void reportsDeletesByIdAloneAndUndeletesWithTheRecord() {
        watch("HighTasks", QUERY, "Referenced");
        Map<String, Object> record = RecordChanges.withSystemFields(TASK_ID, task("High"), AT, AT);

        assertThat(notifier.notificationsFor(RecordChanges.deleted("Task", record, AT))).singleElement()
                .satisfies(notification -> {
                    assertThat(notification.type()).isEqualTo("deleted");
                    assertThat(notification.sobject()).isEqualTo(Map.of("Id", TASK_ID));
                });
        assertThat(notifier.notificationsFor(RecordChanges.undeleted("Task", record, AT))).singleElement()
                .satisfies(notification -> {
                    assertThat(notification.type()).isEqualTo("undeleted");
                    assertThat(notification.sobject()).containsEntry("Subject", "Call back");
                });
    }

    @Test
    void honoursTheOperationsATopicIsNotifiedFor() {
        topic("{\"Name\":\"CreatesOnly\",\"Query\":\"" + QUERY + "\",\"ApiVersion\":56.0,\"NotifyForFields\":\"All\","
                + "\"NotifyForOperationUpdate\":false,\"NotifyForOperationDelete\":false,"
                + "\"NotifyForOperationUndelete\":false}");
        Map<String, Object> record = RecordChanges.withSystemFields(TASK_ID, task("High"), AT, AT);

        assertThat(notifier.notificationsFor(created(task("High")))).hasSize(1);
        assertThat(notifier.notificationsFor(updated(task("High"), Map.of("Status", "Completed")))).isEmpty();
        assertThat(notifier.notificationsFor(RecordChanges.deleted("Task", record, AT))).isEmpty();
        assertThat(notifier.notificationsFor(RecordChanges.undeleted("Task", record, AT))).isEmpty();
    }

    @Test
    void ignoresInactiveTopicsOtherEntitiesAndQueriesThatDoNotParse() throws IOException {
        // The REST API refuses a query that does not compile; one can still come from an edited state file.
        assertThat(rest.api("POST", "sobjects/PushTopic", "{\"Name\":\"Broken\",\"Query\":\"SELEKT nothing\","
                + "\"ApiVersion\":56.0}").status()).isEqualTo(400);
        emulator.close();
        Path stateFile = directory.resolve("org.json");
        start(EmulatorSettings.builder().stateFile(stateFile).build());
        topic("{\"Name\":\"Paused\",\"Query\":\"" + QUERY + "\",\"ApiVersion\":56.0,\"NotifyForFields\":\"All\","
                + "\"IsActive\":false}");
        watch("Leads", "SELECT Id, Company FROM Lead", "All");
        watch("Broken", "SELECT Id, Subject FROM Task WHERE Subject = 'broken'", "All");
        emulator.close();
        String saved = Files.readString(stateFile);
        Files.writeString(stateFile, saved.replace("SELECT Id, Subject FROM Task WHERE Subject = 'broken'", "SELEKT nothing"));
        start(EmulatorSettings.builder().stateFile(stateFile).build());
        assertThat(emulator.pushTopicCatalog().findByName("Broken")).hasValueSatisfying(
                topic -> assertThat(topic.query()).isEqualTo("SELEKT nothing"));

        assertThat(notifier.notificationsFor(created(task("High")))).isEmpty();
    }

    @Test
    void evaluatesEveryActiveTopicOfTheCatalogWithoutHavingSeenItCreatedOrSubscribed() {
        // As a topic loaded from a state file: this notifier saw no change event, no subscriber.
        String stored = watch("Stored", QUERY, "Referenced");
        watch("AlsoStored", "SELECT Id FROM Task", "All");

        assertThat(topicNames(notifier.notificationsFor(created(task("High"))))).containsExactly("Stored", "AlsoStored");
        assertThat(rest.api("DELETE", "sobjects/PushTopic/" + stored, null).status()).isEqualTo(204);
        assertThat(topicNames(notifier.notificationsFor(created(task("High"))))).containsExactly("AlsoStored");
    }

    @Test
    void changesToPushTopicRecordsReportNothing() {
        watch("Topics", "SELECT Id FROM Task", "All");
        Map<String, Object> pushTopic = Map.of("Name", "Another", "Query", QUERY, "IsActive", true);

        assertThat(notifier.notificationsFor(RecordChanges.created("PushTopic", "0IF5g0000000001AAA", pushTopic, AT)))
                .isEmpty();
    }

    /** Creates an active PushTopic through the REST API and gives its id. */
    private String watch(String name, String query, String notifyForFields) {
        return topic("{\"Name\":\"" + name + "\",\"Query\":\"" + query + "\",\"ApiVersion\":56.0,"
                + "\"NotifyForFields\":\"" + notifyForFields + "\"}");
    }

    private String topic(String json) {
        TestHttp.Response created = rest.api("POST", "sobjects/PushTopic", json);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private static RecordChange created(Map<String, Object> task) {
        RecordChange change = RecordChanges.created("Task", TASK_ID, task, AT);
        assertThat(change.changeType()).isEqualTo(ChangeType.CREATE);
        return change;
    }

    private static RecordChange updated(Map<String, Object> task, Map<String, Object> changes) {
        return RecordChanges.updated("Task", RecordChanges.withSystemFields(TASK_ID, task, AT, AT), changes, AT);
    }

    private static Map<String, Object> task(String priority) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("Subject", "Call back");
        task.put("Status", "Not Started");
        task.put("Priority", priority);
        task.put("ActivityDate", LocalDate.of(2025, 1, 15));
        return task;
    }

    private static List<String> topicNames(List<PushTopicNotification> notifications) {
        return notifications.stream().map(PushTopicNotification::topicName).toList();
    }
}
