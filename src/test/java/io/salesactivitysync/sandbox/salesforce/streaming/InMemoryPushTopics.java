package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.org.PushTopicCatalog;
import io.salesactivitysync.sandbox.salesforce.org.PushTopicDefinition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** PushTopic records kept in a map, standing in for the org store. */
final class InMemoryPushTopics implements PushTopicCatalog {

    private final Map<String, PushTopicDefinition> topics = Collections.synchronizedMap(new LinkedHashMap<>());

    void save(PushTopicDefinition topic) {
        topics.put(topic.name(), topic);
    }

    void delete(String name) {
        topics.remove(name);
    }

    static PushTopicDefinition topic(String name, String query, String notifyForFields) {
        return new PushTopicDefinition(String.format("0IF%012dAAA", Math.abs((long) name.hashCode())), name, query,
                "56.0", true, notifyForFields, true, true, true, true);
    }

    @Override
    public Optional<PushTopicDefinition> findByName(String name) {
        return Optional.ofNullable(topics.get(name));
    }

    @Override
    public List<PushTopicDefinition> findAll() {
        synchronized (topics) {
            return List.copyOf(topics.values());
        }
    }
}
