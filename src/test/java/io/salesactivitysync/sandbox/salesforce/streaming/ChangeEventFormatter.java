package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.org.ChangeContext;
import io.salesactivitysync.sandbox.salesforce.org.ChangeType;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a committed record change into the {@code data} of a Change Data Capture message as a
 * CometD client receives it:
 * {@code {"schema": .., "payload": {"ChangeEventHeader": {..}, <fields>}, "event": {"replayId": N}}}.
 *
 * <p>The body follows "Change Event Body Fields" for CometD (JSON) clients: CREATE and UNDELETE
 * carry every non-empty field, UPDATE the changed fields (those set to null as {@code null}) plus
 * {@code LastModifiedDate}, DELETE none; never {@code Id}, {@code IsDeleted} or
 * {@code SystemModstamp}. The header has the fields of the CometD example in "Change Event Message
 * Structure", in its order; {@code nulledFields} and {@code diffFields} are left out because
 * Salesforce sends them to Pub/Sub API clients only.
 */
final class ChangeEventFormatter {

    private static final Set<String> NEVER_IN_BODY = Set.of("Id", "IsDeleted", "SystemModstamp");

    /**
     * Send gap events instead ("Gap Events", Change Data Capture Developer Guide): Salesforce sends
     * them when it cannot produce a full event (a change made directly in the database, an event too
     * large): changeType GAP_CREATE, GAP_UPDATE, GAP_DELETE or GAP_UNDELETE, the header's record ids,
     * and no fields: a subscriber reads the records again.
     */
    private volatile boolean gapEvents;

    void gapEvents(boolean on) {
        gapEvents = on;
    }

    Map<String, Object> format(RecordChange change, long replayId) {
        return format(ChangeEvent.single(change), replayId);
    }

    Map<String, Object> format(ChangeEvent event, long replayId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("schema", schemaId(event.change().entityName()));
        data.put("payload", payload(event));
        data.put("event", Map.of("replayId", replayId));
        return data;
    }

    private Map<String, Object> payload(ChangeEvent event) {
        CompoundFields compounds = CompoundFields.of(event.change().entityName());
        Map<String, Object> payload = new LinkedHashMap<>();
        if (gapEvents) {
            Map<String, Object> header = header(event, compounds);
            header.put("changeType", "GAP_" + event.change().changeType().name());
            header.put("changedFields", List.of());
            payload.put("ChangeEventHeader", header);
            return payload;
        }
        payload.put("ChangeEventHeader", header(event, compounds));
        payload.putAll(compounds.fold(body(event.change())));
        return payload;
    }

    private static Map<String, Object> header(ChangeEvent event, CompoundFields compounds) {
        RecordChange change = event.change();
        ChangeContext context = change.context();
        List<String> changedFields = change.changeType() == ChangeType.UPDATE
                ? compounds.changedFieldNames(change.changedFields().stream()
                        .filter(field -> !NEVER_IN_BODY.contains(field)).toList())
                : List.of();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("entityName", change.entityName());
        header.put("recordIds", event.recordIds());
        header.put("changeType", change.changeType().name());
        header.put("changeOrigin", context.changeOrigin());
        header.put("transactionKey", context.transactionKey());
        header.put("sequenceNumber", event.sequenceNumber());
        header.put("commitTimestamp", context.commitTimestamp().toEpochMilli());
        header.put("commitUser", context.commitUserId());
        header.put("commitNumber", context.commitNumber());
        header.put("changedFields", changedFields);
        return header;
    }

    private static Map<String, Object> body(RecordChange change) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (change.changeType() == ChangeType.DELETE) {
            return body;
        }
        change.fields().forEach((field, value) -> {
            if (!NEVER_IN_BODY.contains(field)) {
                body.put(field, StreamingValueFormat.changeEventValue(value));
            }
        });
        if (change.changeType() == ChangeType.UPDATE) {
            change.nulledFields().forEach(field -> body.put(field, null));
        }
        return body;
    }

    /**
     * A stable 22-character id per entity, shaped like Salesforce's schema ids (for example
     * {@code fl8pv4oUvtbyFAwJQO2NAQ}); the same entity always gets the same one.
     */
    static String schemaId(String entityName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((entityName + "ChangeEvent").getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
