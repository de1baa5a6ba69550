package io.salesactivitysync.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The keys that make an activity exactly-once. The activity key is the same whichever way an
 * activity arrives (the API, the BCC mailbox): its Message-ID, else a digest of what it is. Each of
 * its Salesforce Tasks carries an external id made of that key and the records it is logged
 * against, and is upserted by it, so the same activity logged again finds its Task instead of
 * making a second one.
 */
public final class ActivityKeys {

    private ActivityKeys() {
    }

    /** {@code <abc@host>}, {@code abc@host} and {@code  <abc@host> } are one Message-ID. */
    public static String normalizeMessageId(String messageId) {
        if (messageId == null) {
            return null;
        }
        String id = messageId.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1).strip();
        }
        return id.isEmpty() ? null : id;
    }

    /**
     * The stable key: {@code mid:<Message-ID>}, or without one {@code sha256:<digest of type, rep,
     * person, time to the second, subject>}.
     */
    public static String activityKey(String messageId, String type, String repEmail, String person,
                                     OffsetDateTime occurredAt, String subject) {
        String key = messageIdKey(messageId);
        if (key != null) {
            return key;
        }
        return "sha256:" + sha256(String.join("\n", type, repEmail.toLowerCase(Locale.ROOT), person,
                occurredAt.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString(),
                subject == null ? "" : subject));
    }

    /**
     * The key a Message-ID gives: {@code mid:<Message-ID>}; null without one. A Message-ID longer
     * than 500 characters or not in ASCII (broken mail; RFC 5322 ids are ASCII) is keyed by its
     * digest instead, {@code midsha256:<digest>}, so that every key fits the database's index.
     */
    public static String messageIdKey(String messageId) {
        String normalized = normalizeMessageId(messageId);
        if (normalized == null) {
            return null;
        }
        boolean plain = normalized.length() <= 500 && normalized.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        return plain ? "mid:" + normalized : "midsha256:" + sha256(normalized);
    }

    /**
     * The key of an email read from a mailbox: {@code mid:<Message-ID>}, the same key the API
     * gives the same email; without a Message-ID, {@code sha256:<digest>} of what the sender wrote
     * (the From, To, Cc, Date and Subject headers and the body text), which stays the same when the
     * same email arrives twice through different routes (only the delivery headers differ).
     */
    public static String mailKey(String messageId, java.util.List<String> headersAndBody) {
        String key = messageIdKey(messageId);
        if (key != null) {
            return key;
        }
        return "sha256:" + sha256(String.join("\n", headersAndBody.stream().map(v -> v == null ? "" : v).toList()));
    }

    /** The Task's external id: the activity key's digest, the person's record, the opportunity if any. */
    public static String taskExternalId(String activityKey, String whoId, String whatId) {
        return "sas1:" + sha256(activityKey).substring(0, 24) + ":" + whoId + (whatId == null ? "" : ":" + whatId);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }
}
