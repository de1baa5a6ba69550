package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.org.PushTopicCatalog;
import io.salesactivitysync.sandbox.salesforce.org.PushTopicDefinition;
import java.util.Optional;
import java.util.Set;

/**
 * Which streaming channels the org offers: {@code /data/ChangeEvents}, one
 * {@code /data/<Entity>ChangeEvent} per entity selected for Change Data Capture, and
 * {@code /topic/<Name>} for each active PushTopic (looked up when asked, so topics created or
 * deactivated later are seen).
 */
final class ChannelDirectory {

    static final String ALL_CHANGE_EVENTS = "/data/ChangeEvents";

    /**
     * The entities whose changes are captured unless told otherwise: those the emulated org
     * knows, except PushTopic, for which Salesforce offers no change events.
     */
    static final Set<String> DEFAULT_CHANGE_EVENT_ENTITIES =
            Set.of("Task", "Lead", "Contact", "Account", "Opportunity", "OpportunityContactRole", "User");

    private static final String DATA_PREFIX = "/data/";
    private static final String TOPIC_PREFIX = "/topic/";

    private final Set<String> changeEventEntities;
    private final PushTopicCatalog pushTopics;

    ChannelDirectory(Set<String> changeEventEntities, PushTopicCatalog pushTopics) {
        this.changeEventEntities = Set.copyOf(changeEventEntities);
        this.pushTopics = pushTopics;
    }

    /** Whether changes of this entity become change events. */
    boolean capturesChangesOf(String entityName) {
        return changeEventEntities.contains(entityName);
    }

    /** Whether a client may subscribe to this channel now. */
    boolean exists(String channel) {
        if (ALL_CHANGE_EVENTS.equals(channel)) {
            return true;
        }
        if (channel.startsWith(TOPIC_PREFIX)) {
            return activePushTopic(channel.substring(TOPIC_PREFIX.length())).isPresent();
        }
        return changeEventEntities.stream().map(ChannelDirectory::changeEventChannel).anyMatch(channel::equals);
    }

    Optional<PushTopicDefinition> activePushTopic(String name) {
        if (name.isEmpty() || name.contains("/")) {
            return Optional.empty();
        }
        return pushTopics.findByName(name).filter(PushTopicDefinition::active);
    }

    /** {@code Task} → {@code /data/TaskChangeEvent}; {@code Invoice__c} → {@code /data/Invoice__ChangeEvent}. */
    static String changeEventChannel(String entityName) {
        String base = entityName.endsWith("__c") ? entityName.substring(0, entityName.length() - 1) : entityName;
        return DATA_PREFIX + base + "ChangeEvent";
    }

    static String pushTopicChannel(String topicName) {
        return TOPIC_PREFIX + topicName;
    }

    static boolean isPushTopicChannel(String channel) {
        return channel.startsWith(TOPIC_PREFIX);
    }
}
