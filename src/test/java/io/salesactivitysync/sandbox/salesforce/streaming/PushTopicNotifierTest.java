package io.salesactivitysync.sandbox.salesforce.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.sandbox.salesforce.org.ChangeType;
import io.salesactivitysync.sandbox.salesforce.org.PushTopicDefinition;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushTopicNotifierTest {

    private static final Instant AT = Instant.parse("2017-05-16T23:05:50.173Z");
    private static final String TASK_ID = "00T5g00000AbCdEFGH";
    private static final String QUERY = "SELECT Id, Subject, Status, ActivityDate FROM Task WHERE Priority = 'High'";

    private final InMemoryPushTopics topics = new InMemoryPushTopics();
    private final PushTopicNotifier notifier = new PushTopicNotifier(topics, new SimpleSoqlCompiler());

    @Test
    void reportsACreatedRecordThatMatchesWithItsSelectedFields() {
        watch(InMemoryPushTopics.topic("HighTasks", QUERY, "Referenced"));

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
        watch(InMemoryPushTopics.topic("HighTasks", QUERY, "Referenced"));

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
        watch(InMemoryPushTopics.topic("BySelect", QUERY, "Select"));
        watch(InMemoryPushTopics.topic("ByWhere", QUERY, "Where"));
        watch(InMemoryPushTopics.topic("ByAll", QUERY, "All"));

        assertThat(topicNames(notifier.notificationsFor(updated(task("High"), Map.of("Status", "Completed")))))
                .containsExactlyInAnyOrder("BySelect", "ByAll");
        assertThat(topicNames(notifier.notificationsFor(updated(task("Normal"), Map.of("Priority", "High")))))
                .containsExactlyInAnyOrder("ByWhere", "ByAll");
        assertThat(topicNames(notifier.notificationsFor(updated(task("High"), Map.of("Description", "x")))))
                .containsExactly("ByAll");
    }

    @Test
    void reportsDeletesByIdAloneAndUndeletesWithTheRecord() {
        watch(InMemoryPushTopics.topic("HighTasks", QUERY, "Referenced"));
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
        PushTopicDefinition base = InMemoryPushTopics.topic("CreatesOnly", QUERY, "Referenced");
        watch(new PushTopicDefinition(base.id(), base.name(), base.query(), base.apiVersion(), true,
                "All", true, false, false, false));
        Map<String, Object> record = RecordChanges.withSystemFields(TASK_ID, task("High"), AT, AT);

        assertThat(notifier.notificationsFor(created(task("High")))).hasSize(1);
        assertThat(notifier.notificationsFor(updated(task("High"), Map.of("Status", "Completed")))).isEmpty();
        assertThat(notifier.notificationsFor(RecordChanges.deleted("Task", record, AT))).isEmpty();
        assertThat(notifier.notificationsFor(RecordChanges.undeleted("Task", record, AT))).isEmpty();
    }

    @Test
    void ignoresInactiveTopicsOtherEntitiesAndQueriesThatDoNotParse() {
        PushTopicDefinition base = InMemoryPushTopics.topic("Paused", QUERY, "All");
        watch(new PushTopicDefinition(base.id(), base.name(), base.query(), base.apiVersion(), false,
                "All", true, true, true, true));
        watch(InMemoryPushTopics.topic("Leads", "SELECT Id, Company FROM Lead", "All"));
        watch(InMemoryPushTopics.topic("Broken", "SELEKT nothing", "All"));

        assertThat(notifier.notificationsFor(created(task("High")))).isEmpty();
    }

    @Test
    void evaluatesEveryActiveTopicOfTheCatalogWithoutHavingSeenItCreatedOrSubscribed() {
        // As a topic loaded from a state file: no change event, no subscriber.
        topics.save(InMemoryPushTopics.topic("Stored", QUERY, "Referenced"));
        topics.save(InMemoryPushTopics.topic("AlsoStored", "SELECT Id FROM Task", "All"));

        assertThat(topicNames(notifier.notificationsFor(created(task("High"))))).containsExactly("Stored", "AlsoStored");
        topics.delete("Stored");
        assertThat(topicNames(notifier.notificationsFor(created(task("High"))))).containsExactly("AlsoStored");
    }

    @Test
    void changesToPushTopicRecordsReportNothing() {
        watch(InMemoryPushTopics.topic("Topics", "SELECT Id FROM Task", "All"));
        Map<String, Object> pushTopic = Map.of("Name", "Another", "Query", QUERY, "IsActive", true);

        assertThat(notifier.notificationsFor(RecordChanges.created("PushTopic", "0IF5g0000000001AAA", pushTopic, AT)))
                .isEmpty();
    }

    private void watch(PushTopicDefinition topic) {
        topics.save(topic);
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
