package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.org.ChangeType;
import io.salesactivitysync.sandbox.salesforce.org.PushTopicCatalog;
import io.salesactivitysync.sandbox.salesforce.org.PushTopicDefinition;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import io.salesactivitysync.sandbox.salesforce.soql.CompiledQuery;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlCompiler;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which PushTopics report a record change, following Salesforce's "Event Notification
 * Rules": the operation must be enabled ({@code NotifyForOperation*}), the record must match the
 * WHERE clause, and an update must touch a field that {@code NotifyForFields} watches
 * ({@code All}: any; {@code Referenced}: SELECT or WHERE; {@code Select}; {@code Where}).
 *
 * <p>Every active topic of the org is evaluated for every committed change, whether or not anyone
 * subscribes to it, as Salesforce does: its channel's event log must hold the events a later
 * subscriber replays. Topics are read from the catalog at each commit, so a topic created,
 * edited, deactivated or deleted takes effect with the next commit, including topics that never
 * passed through the API (loaded from a state file).
 */
final class PushTopicNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(PushTopicNotifier.class);

    private final PushTopicCatalog catalog;
    private final SoqlCompiler compiler;
    private final Map<String, Optional<CompiledQuery>> queries = new ConcurrentHashMap<>();

    PushTopicNotifier(PushTopicCatalog catalog, SoqlCompiler compiler) {
        this.catalog = catalog;
        this.compiler = compiler;
    }

    /** The org's active topics now; read once per commit and handed to {@link #notificationsFor(RecordChange, List)}. */
    List<PushTopicDefinition> activeTopics() {
        return catalog.findAll().stream().filter(PushTopicDefinition::active).toList();
    }

    /** What the org's active topics report about this change. */
    List<PushTopicNotification> notificationsFor(RecordChange change) {
        return notificationsFor(change, activeTopics());
    }

    /** What these topics report about this change, in the topics' order. */
    List<PushTopicNotification> notificationsFor(RecordChange change, List<PushTopicDefinition> topics) {
        if ("PushTopic".equals(change.entityName())) {
            // A PushTopic cannot query PushTopics.
            return List.of();
        }
        List<PushTopicNotification> notifications = new ArrayList<>();
        for (PushTopicDefinition topic : topics) {
            evaluate(topic, change).ifPresent(notifications::add);
        }
        return notifications;
    }

    Optional<PushTopicNotification> evaluate(PushTopicDefinition topic, RecordChange change) {
        Optional<CompiledQuery> compiled = compile(topic);
        if (compiled.isEmpty() || !compiled.get().entityName().equalsIgnoreCase(change.entityName())) {
            return Optional.empty();
        }
        CompiledQuery query = compiled.get();
        return switch (change.changeType()) {
            case CREATE -> notification(topic, change, topic.notifyForOperationCreate()
                    && query.matches(change.recordAfter()), "created", query);
            case UPDATE -> notification(topic, change, topic.notifyForOperationUpdate()
                    && watchesAChangedField(topic, query, change) && query.matches(change.recordAfter()),
                    "updated", query);
            case DELETE -> notification(topic, change, topic.notifyForOperationDelete()
                    && query.matches(change.recordBefore() != null ? change.recordBefore() : change.recordAfter()),
                    "deleted", query);
            case UNDELETE -> notification(topic, change, topic.notifyForOperationUndelete()
                    && query.matches(change.recordAfter()), "undeleted", query);
        };
    }

    private static Optional<PushTopicNotification> notification(
            PushTopicDefinition topic, RecordChange change, boolean notify, String type, CompiledQuery query) {
        if (!notify) {
            return Optional.empty();
        }
        Map<String, Object> sobject = new LinkedHashMap<>();
        if (change.changeType() == ChangeType.DELETE) {
            // A deleted record is reported by its id alone.
            sobject.put("Id", change.recordId());
        } else {
            query.project(change.recordAfter())
                    .forEach((field, value) -> sobject.put(field, StreamingValueFormat.pushTopicValue(value)));
        }
        return Optional.of(new PushTopicNotification(topic.name(), type, change.context().commitTimestamp(), sobject));
    }

    private static boolean watchesAChangedField(PushTopicDefinition topic, CompiledQuery query, RecordChange change) {
        Set<String> changed = Stream.concat(change.changedFields().stream(), change.nulledFields().stream())
                .filter(field -> !"Id".equalsIgnoreCase(field))
                .map(field -> field.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        String notifyForFields = topic.notifyForFields() == null ? "Referenced" : topic.notifyForFields();
        if ("All".equalsIgnoreCase(notifyForFields)) {
            return !changed.isEmpty();
        }
        Stream<String> watched = switch (notifyForFields.toLowerCase(Locale.ROOT)) {
            case "select" -> query.selectFields().stream();
            case "where" -> query.whereFields().stream();
            default -> Stream.concat(query.selectFields().stream(), query.whereFields().stream());
        };
        return watched.map(field -> field.toLowerCase(Locale.ROOT)).anyMatch(changed::contains);
    }

    private Optional<CompiledQuery> compile(PushTopicDefinition topic) {
        return queries.computeIfAbsent(topic.query(), soql -> {
            try {
                return Optional.of(compiler.compile(soql));
            } catch (SoqlException e) {
                LOG.warn("PushTopic {} has a query Salesforce would refuse ({}); it reports nothing: {}",
                        topic.name(), e.errorCode(), e.getMessage());
                return Optional.empty();
            }
        });
    }
}
