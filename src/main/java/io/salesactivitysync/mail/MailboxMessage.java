package io.salesactivitysync.mail;

import java.time.OffsetDateTime;

/**
 * One email as the mailbox hands it over.
 *
 * @param raw        its bytes as the server keeps them; null when it is larger than allowed (then
 *                   only its headers were read)
 * @param size       its size in bytes as the server reports it
 * @param receivedAt when the server received it; null when unknown
 * @param messageId  its Message-ID header (read without the body, for an email too large to read)
 * @param from       its From header, likewise
 * @param subject    its Subject header, likewise
 */
public record MailboxMessage(byte[] raw, long size, OffsetDateTime receivedAt, String messageId, String from,
                             String subject) {

    public boolean tooLarge() {
        return raw == null;
    }
}
