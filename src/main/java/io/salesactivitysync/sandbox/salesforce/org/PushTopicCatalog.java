package io.salesactivitysync.sandbox.salesforce.org;

import java.util.Optional;

/** The org's PushTopic records (kept by the org store like any other sObject). */
public interface PushTopicCatalog {

    /** The topic with this {@code Name}, if one exists and is not deleted. */
    Optional<PushTopicDefinition> findByName(String name);
}
