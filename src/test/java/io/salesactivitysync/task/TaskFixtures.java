package io.salesactivitysync.task;

import io.salesactivitysync.salesforce.SalesforceProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The task sync's settings as config/application.yml gives them, for the unit tests of this package. */
final class TaskFixtures {

    static final Map<String, String> FIELDS = Map.of("name", "Subject", "status", "Status", "priority", "Priority",
            "due_date", "ActivityDate", "details", "Description");
    static final Map<String, String> STATUS = Map.of("open", "Not Started", "completed", "Completed");
    static final Map<String, String> PRIORITY = Map.of("normal", "Normal", "high", "High");

    private TaskFixtures() {
    }

    static TaskSyncProperties properties(String channel, TaskSyncProperties.Mapping mapping) {
        return new TaskSyncProperties("sales-activity-sync", channel, 200, Duration.ofMinutes(2), 12,
                Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofHours(24), Duration.ofDays(15),
                Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(60),
                org.springframework.util.unit.DataSize.ofMegabytes(32), mapping);
    }

    static TaskSyncProperties properties() {
        return properties("/data/TaskChangeEvent", new TaskSyncProperties.Mapping(FIELDS, STATUS, PRIORITY));
    }

    static SalesforceProperties salesforce() {
        return new SalesforceProperties(false, "56.0", 0.9, Duration.ofMinutes(5), "Sales_Activity_Id__c");
    }

    static TaskMapping mapping() {
        return new TaskMapping(properties(), salesforce());
    }

    static TaskMapping mapping(Map<String, String> fields, Map<String, String> status, Map<String, String> priority) {
        return new TaskMapping(properties("/data/TaskChangeEvent", new TaskSyncProperties.Mapping(fields, status, priority)),
                salesforce());
    }

    /** The map without the key. */
    static Map<String, String> without(Map<String, String> map, String key) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.remove(key);
        return copy;
    }
}
