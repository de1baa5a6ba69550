package io.salesactivitysync.mail;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An email as the BCC capture reads it.
 *
 * @param messageId             the Message-ID without angle brackets; null when the email has none
 * @param key                   the activity key ({@code mid:<Message-ID>}, else a digest of headers and body)
 * @param from                  the sender's address as written (compare case-insensitively)
 * @param to                    To addresses as written, in order, each once (case-insensitively)
 * @param cc                    Cc addresses, likewise
 * @param bcc                   Bcc addresses where the header is present (mail as sent, rarely as received)
 * @param subject               the decoded subject; empty when there is none
 * @param date                  the Date header; null when missing or unreadable
 * @param inReplyTo             the In-Reply-To Message-ID; null when the email is not a reply
 * @param body                  the text body (from text/plain, else from HTML turned into text)
 * @param attachments           the attachments by name and decoded size
 * @param authenticationResults the Authentication-Results headers, topmost first
 * @param notes                 what was read with a fallback (an unknown charset, a skipped address);
 *                              the email is still taken in
 */
public record ParsedMail(
        String messageId,
        String key,
        String from,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        String subject,
        OffsetDateTime date,
        String inReplyTo,
        String body,
        List<Attachment> attachments,
        List<String> authenticationResults,
        List<String> notes) {

    /** An attachment: its file name (or what stands for it) and its size in bytes, -1 when it cannot be decoded. */
    public record Attachment(String name, long size) {
    }

    public boolean reply() {
        return inReplyTo != null;
    }
}
