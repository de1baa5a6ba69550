package io.salesactivitysync.sandbox.salesforce.org;

import java.util.List;
import java.util.Optional;

/** The org's PushTopic records (kept by the org store like any other sObject). */
public interface PushTopicCatalog {

    /** The topic with this {@code Name}, if one exists and is not deleted. */
    Optional<PushTopicDefinition> findByName(String name);

    /**
     * Every PushTopic of the org that is not deleted, active and inactive, oldest first: also
     * those that never passed through the API, such as topics loaded from a state file.
     */
    List<PushTopicDefinition> findAll();
}
