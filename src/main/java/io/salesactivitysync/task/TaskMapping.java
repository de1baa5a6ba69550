package io.salesactivitysync.task;

import io.salesactivitysync.salesforce.SalesforceRecord;
import io.salesactivitysync.store.SyncedTask;
import io.salesactivitysync.store.TaskSyncStore;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The field and value mapping of sas.tasks.mapping (config/application.yml), both ways: product
 * task fields to Salesforce Task fields, open/completed to Not Started/Completed, normal/high to
 * Normal/High. The Subject written is the rep's subject template with {{activity_subject}} standing
 * for the task name (activity detail customization), so renaming a task renames the Subject.
 */
@Component
public class TaskMapping {

    /** A dynamic field of the subject template, as TemplateRenderer reads it: {{activity_subject}}, {{ activity_type }}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

    /** The Task fields a reminder task is read with (the mapped ones, and what the sync needs). */
    private final Map<String, String> fields;
    private final Map<String, String> statusOut;
    private final Map<String, String> statusIn = new HashMap<>();
    private final Map<String, String> priorityOut;
    private final Map<String, String> priorityIn = new HashMap<>();
    private final Map<String, String> fieldIn = new HashMap<>();

    private final String externalIdField;

    public TaskMapping(TaskSyncProperties properties, io.salesactivitysync.salesforce.SalesforceProperties salesforce) {
        this.externalIdField = salesforce.taskExternalIdField();
        TaskSyncProperties.Mapping mapping = properties.mapping();
        this.fields = new LinkedHashMap<>();
        for (String field : TaskSyncStore.FIELDS) {
            String sfField = mapping.fields().get(field);
            if (sfField == null) {
                throw new IllegalStateException("sas.tasks.mapping.fields has no Salesforce field for " + field);
            }
            fields.put(field, sfField);
            fieldIn.put(sfField, field);
        }
        this.statusOut = Map.copyOf(mapping.status());
        this.priorityOut = Map.copyOf(mapping.priority());
        statusOut.forEach((product, sf) -> statusIn.put(sf, product));
        priorityOut.forEach((product, sf) -> priorityIn.put(sf, product));
        for (String status : List.of("open", "completed")) {
            if (!statusOut.containsKey(status)) {
                throw new IllegalStateException("sas.tasks.mapping.status has no Salesforce Status for " + status);
            }
        }
        for (String priority : List.of("normal", "high")) {
            if (!priorityOut.containsKey(priority)) {
                throw new IllegalStateException("sas.tasks.mapping.priority has no Salesforce Priority for " + priority);
            }
        }
    }

    /**
     * The fields {@link #record} sets on a create only, which Salesforce lets no one change later: an
     * upsert that finds the Task already there refuses them.
     */
    public static final List<String> CREATE_ONLY = List.of("TaskSubtype");

    /** The Task external id field (sas.salesforce.task-external-id-field) the product's own Tasks carry. */
    public String externalIdField() {
        return externalIdField;
    }

    /** The Salesforce Task field of a product field. */
    public String salesforceField(String productField) {
        return fields.get(productField);
    }

    /** The product field of a Salesforce Task field, if it is mapped. */
    public Optional<String> productField(String salesforceField) {
        return Optional.ofNullable(fieldIn.get(salesforceField));
    }

    public Collection<String> salesforceFields() {
        return fields.values();
    }

    /** The product status of a Salesforce Status; empty when it is not synced (In Progress, ...). */
    public Optional<String> statusIn(String salesforceStatus) {
        return Optional.ofNullable(statusIn.get(salesforceStatus));
    }

    /** The product priority of a Salesforce Priority; empty when it is not synced (Low). */
    public Optional<String> priorityIn(String salesforcePriority) {
        return Optional.ofNullable(priorityIn.get(salesforcePriority));
    }

    /** The Salesforce value of one product field, as written. */
    public Object salesforceValue(String productField, SyncedTask task, String subjectTemplate) {
        return switch (productField) {
            case "name" -> subject(subjectTemplate, task.name());
            case "status" -> statusOut.get(task.status());
            case "priority" -> priorityOut.get(task.priority());
            case "due_date" -> task.dueDate() == null ? null : task.dueDate().toString();
            case "details" -> task.details();
            default -> throw new IllegalArgumentException("Not a task field: " + productField);
        };
    }

    /**
     * The Task record of a write: every mapped field for a create (with the owner), the changed
     * ones for an update.
     */
    public SalesforceRecord record(SyncedTask task, Collection<String> productFields, String subjectTemplate,
            String ownerId) {
        SalesforceRecord record = new SalesforceRecord("Task");
        if (ownerId != null) {
            record.put("OwnerId", ownerId);
            record.put("TaskSubtype", "Task");   // CREATE_ONLY
        }
        for (String field : productFields) {
            record.put(salesforceField(field), salesforceValue(field, task, subjectTemplate));
        }
        return record;
    }

    /** The Salesforce side as the snapshot keeps it (ActivityDate as a date), from written or read values. */
    public Map<String, Object> snapshot(Map<String, Object> salesforceValues) {
        Map<String, Object> snapshot = new HashMap<>();
        for (String sfField : fields.values()) {
            if (salesforceValues.containsKey(sfField)) {
                Object value = salesforceValues.get(sfField);
                if (fieldIn.get(sfField).equals("due_date")) {
                    value = TaskChangeRules.date(value);
                } else if (value instanceof String text && text.isEmpty()) {
                    value = null;
                }
                snapshot.put(canonical(sfField), value);
            }
        }
        return snapshot;
    }

    /**
     * The snapshot columns are named after the default fields (Subject, Status, Priority,
     * ActivityDate, Description) whatever the mapping names them.
     */
    String canonical(String sfField) {
        return switch (fieldIn.get(sfField)) {
            case "name" -> "Subject";
            case "status" -> "Status";
            case "priority" -> "Priority";
            case "due_date" -> "ActivityDate";
            default -> "Description";
        };
    }

    /**
     * The rep's subject template with the task name for {{activity_subject}}; at most 255 characters.
     * Placeholders are read as TemplateRenderer reads the same template for activities (spaces inside
     * the braces allowed), in one pass, so the task name is taken literally.
     */
    static String subject(String template, String name) {
        Matcher placeholder = PLACEHOLDER.matcher(template == null || template.isBlank() ? "{{activity_subject}}" : template);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String value = switch (placeholder.group(1)) {
                case "activity_subject" -> name;
                case "activity_type" -> "Task";
                default -> "";
            };
            placeholder.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(out);
        String subject = out.toString().strip();
        if (subject.isEmpty()) {
            subject = name;
        }
        if (subject.length() <= 255) {
            return subject;
        }
        // never split a surrogate pair
        return subject.substring(0, Character.isHighSurrogate(subject.charAt(254)) ? 254 : 255);
    }
}
