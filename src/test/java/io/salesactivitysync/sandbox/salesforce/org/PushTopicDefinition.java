package io.salesactivitysync.sandbox.salesforce.org;

/**
 * A PushTopic record as the Streaming API needs it.
 *
 * @param notifyForFields one of {@code All}, {@code Referenced} (Salesforce's default),
 *                        {@code Select}, {@code Where}
 */
public record PushTopicDefinition(
        String id,
        String name,
        String query,
        String apiVersion,
        boolean active,
        String notifyForFields,
        boolean notifyForOperationCreate,
        boolean notifyForOperationUpdate,
        boolean notifyForOperationDelete,
        boolean notifyForOperationUndelete) {
}
