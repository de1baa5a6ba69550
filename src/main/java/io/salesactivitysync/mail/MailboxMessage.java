package io.salesactivitysync.mail;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One email as the mailbox hands it over.
 *
 * @param raw         its bytes as the server keeps them; null when it is larger than allowed (then
 *                    only its headers were read) or known already
 * @param size        its size in bytes as the server reports it
 * @param receivedAt  when the server received it; null when unknown
 * @param messageId   its Message-ID header (read without the body)
 * @param from        its From header, likewise
 * @param subject     its Subject header, likewise
 * @param knownKey    the activity key of an email the store knows already (read again); else null
 * @param knownIds    its activities; else null
 * @param unreadable  why the server could not hand the email over (its raw bytes); else null
 */
public record MailboxMessage(byte[] raw, long size, OffsetDateTime receivedAt, String messageId, String from,
                             String subject, String knownKey, List<Long> knownIds, String unreadable) {

    /** An email read again: the store has its activities, its body is not downloaded again. */
    static MailboxMessage known(String key, List<Long> ids, OffsetDateTime receivedAt) {
        return new MailboxMessage(null, -1, receivedAt, null, null, null, key, List.copyOf(ids), null);
    }

    public boolean known() {
        return knownIds != null;
    }

    public boolean tooLarge() {
        return raw == null && !known() && unreadable == null;
    }
}
