package io.salesactivitysync.mail;

/**
 * Ends the exchange of every email the capture took in: it is how the capture tells camel-mail not
 * to mark the email itself. The capture marks the poll's settled emails together after the batch
 * ({@link BccMailbox#markBatch}); one whose activities have no outcome yet stays unseen in the
 * mailbox and is read again at the next poll. It is expected, not an error: the bcc-errors route
 * configuration lets it through without logging it.
 */
public class EmailPendingException extends RuntimeException {

    public EmailPendingException(String key) {
        super("the activities of BCC email " + key + " have no outcome yet: it stays unseen and is read again", null,
                false, false);
    }
}
