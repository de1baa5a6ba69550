package io.salesactivitysync.task;

import io.salesactivitysync.store.SyncedTask;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The content-based routing of a Salesforce-side change, decided without side effects (the
 * caller applies the decision in one transaction):
 * <ul>
 *   <li>a change the product made itself changes nothing;</li>
 *   <li>DELETE deletes the product task;</li>
 *   <li>a Status in the mapping applies, any other (In Progress, Waiting on someone else,
 *       Deferred) is filtered out; Priority Low is not synced; a Subject edited in Salesforce
 *       never comes back (seed 003);</li>
 *   <li>an UPDATE applies only its changed fields; a value equal to the product's changes nothing;</li>
 *   <li>a field changed on both sides: the later change wins (Salesforce LastModifiedDate against
 *       the product's change time), and the decision is kept on the history.</li>
 * </ul>
 */
final class TaskChangeRules {

    /** Why part of a change was not taken (also a metric tag). */
    static final String OWN_CHANGE = "own_change";
    static final String STATUS_NOT_SYNCED = "status_not_synced";
    static final String PRIORITY_NOT_SYNCED = "priority_not_synced";
    static final String SUBJECT_ONE_WAY = "subject_one_way";
    static final String SYNC_OFF = "sync_off";
    static final String NOT_A_REMINDER = "not_a_reminder";
    static final String OWNER_NOT_SYNCED = "owner_not_synced";
    static final String PRODUCT_NEWER = "product_newer";
    static final String STALE = "stale";

    /** The prefix of the external id the product gives the Tasks it creates. */
    static final String EXTERNAL_ID_PREFIX = "sas-task:";

    private final TaskMapping mapping;

    TaskChangeRules(TaskMapping mapping) {
        this.mapping = mapping;
    }

    /** What to do with the change. */
    record Decision(String action, Map<String, Object> productValues, Map<String, Object> snapshot,
            Set<String> dropPending, List<String> filtered, List<String> notes) {

        static Decision ignore(String reason, String note) {
            return new Decision("ignore", Map.of(), Map.of(), Set.of(), List.of(reason), note == null ? List.of() : List.of(note));
        }

        boolean changesProduct() {
            return !productValues.isEmpty();
        }
    }

    /** A change to a Task the product does not know (yet): a new reminder task of a synced rep is imported. */
    Decision forUnknown(SalesforceTask change, boolean ownerSynced, boolean importAllowed) {
        if (change.ownChange()) {
            return Decision.ignore(OWN_CHANGE, null);
        }
        if (change.deleted() || "UPDATE".equals(change.change())) {
            return Decision.ignore(OWNER_NOT_SYNCED, null);
        }
        String subtype = change.text("TaskSubtype");
        String externalId = change.text(mapping.externalIdField());
        if ((subtype != null && !"Task".equals(subtype)) || (externalId != null && !externalId.isEmpty())) {
            // a logged email or call, or a Task the product wrote itself (its id is saved once written)
            return Decision.ignore(NOT_A_REMINDER, null);
        }
        if (!ownerSynced) {
            return Decision.ignore(OWNER_NOT_SYNCED, null);
        }
        if (!importAllowed) {
            return Decision.ignore(SYNC_OFF, "changed before the owner's sync window");
        }
        List<String> filtered = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Object> product = new LinkedHashMap<>();
        String subject = change.text(mapping.salesforceField("name"));
        product.put("name", subject == null || subject.isBlank() ? "(no subject)" : subject.strip());
        String status = change.text(mapping.salesforceField("status"));
        Optional<String> mappedStatus = mapping.statusIn(status);
        product.put("status", mappedStatus.orElse("open"));
        if (status != null && mappedStatus.isEmpty()) {
            filtered.add(STATUS_NOT_SYNCED);
            notes.add("Status " + status + " is not synced: imported as open");
        }
        String priority = change.text(mapping.salesforceField("priority"));
        Optional<String> mappedPriority = mapping.priorityIn(priority);
        product.put("priority", mappedPriority.orElse("normal"));
        if (priority != null && mappedPriority.isEmpty()) {
            filtered.add(PRIORITY_NOT_SYNCED);
            notes.add("Priority " + priority + " is not synced: imported as normal");
        }
        product.put("due_date", date(change.values().get(mapping.salesforceField("due_date"))));
        String details = change.text(mapping.salesforceField("details"));
        product.put("details", details == null || details.isEmpty() ? null : details);
        return new Decision("import", product, mapping.snapshot(change.values()), Set.of(), filtered, notes);
    }

    /** A change to a Task the product syncs. */
    Decision forKnown(SalesforceTask change, SyncedTask task, Set<String> pendingFields) {
        if (change.ownChange()) {
            return Decision.ignore(OWN_CHANGE, null);
        }
        if (!task.syncOn() || !task.synced()) {
            return Decision.ignore(SYNC_OFF, null);
        }
        if (change.deleted()) {
            return new Decision("delete", Map.of(), Map.of(), Set.of(), List.of(), List.of("deleted in Salesforce"));
        }
        // a change older than the last one applied: the stream replaying from its checkpoint after the
        // reconciliation (or a gap's re-read) applied the Task as it is now; it would take the task
        // back, and the newer change would then be applied a second time. Seconds, as LastModifiedDate.
        OffsetDateTime applied = task.sfModifiedAt();
        if (change.lastModified() != null && applied != null && change.lastModified()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).isBefore(applied.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))) {
            return Decision.ignore(STALE, null);
        }
        Map<String, Object> snapshot = new HashMap<>(task.salesforce());
        Map<String, Object> product = new LinkedHashMap<>();
        Set<String> dropPending = new LinkedHashSet<>();
        List<String> filtered = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean wholeRecord = change.changed() == null;
        for (String field : io.salesactivitysync.store.TaskSyncStore.FIELDS) {
            String sfField = mapping.salesforceField(field);
            if (!change.carries(sfField)) {
                continue;
            }
            Object sfValue = "due_date".equals(field) ? date(change.values().get(sfField)) : change.values().get(sfField);
            String canonical = mapping.canonical(sfField);
            if (wholeRecord && Objects.equals(normalize(sfValue), normalize(task.salesforce().get(canonical)))) {
                continue; // not changed in Salesforce since the product last saw or wrote it
            }
            snapshot.put(canonical, sfValue);
            Object value;
            switch (field) {
                case "name" -> {
                    filtered.add(SUBJECT_ONE_WAY);
                    notes.add("Subject edited in Salesforce (" + sfValue + ") is not synced back");
                    continue;
                }
                case "status" -> {
                    Optional<String> mapped = mapping.statusIn(sfValue == null ? null : sfValue.toString());
                    if (mapped.isEmpty()) {
                        filtered.add(STATUS_NOT_SYNCED);
                        notes.add("Status " + sfValue + " is not synced");
                        continue;
                    }
                    value = mapped.get();
                }
                case "priority" -> {
                    Optional<String> mapped = mapping.priorityIn(sfValue == null ? null : sfValue.toString());
                    if (mapped.isEmpty()) {
                        filtered.add(PRIORITY_NOT_SYNCED);
                        notes.add("Priority " + sfValue + " is not synced");
                        continue;
                    }
                    value = mapped.get();
                }
                case "details" -> value = sfValue == null || sfValue.toString().isEmpty() ? null : sfValue.toString();
                default -> value = sfValue;
            }
            if (Objects.equals(value, task.product().get(field))) {
                dropPending.remove(field);
                continue; // the product has it already
            }
            OffsetDateTime productChanged = task.changedAt().get(field);
            OffsetDateTime salesforceChanged = change.lastModified();
            // Salesforce keeps LastModifiedDate to the second: a product change in the same second is not later
            if (productChanged != null && salesforceChanged != null
                    && productChanged.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).isAfter(salesforceChanged)) {
                filtered.add(PRODUCT_NEWER);
                notes.add("conflict on " + field + ": the product's change (" + productChanged
                        + ") is later than Salesforce's (" + salesforceChanged + "); the product's value stays");
                continue;
            }
            if (pendingFields.contains(field)) {
                dropPending.add(field);
                notes.add("conflict on " + field + ": Salesforce's change (" + salesforceChanged
                        + ") is later than the product's (" + productChanged + "); Salesforce's value applies");
            }
            product.put(field, value);
        }
        return new Decision(product.isEmpty() ? "snapshot" : "apply", product, snapshot, dropPending, filtered, notes);
    }

    private static Object normalize(Object value) {
        if (value instanceof String text && text.isEmpty()) {
            return null;
        }
        return value;
    }

    /** A Salesforce date (yyyy-MM-dd, or the date part of a longer text); blank is none. */
    static LocalDate date(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        String text = value.toString().strip();
        return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    }
}
