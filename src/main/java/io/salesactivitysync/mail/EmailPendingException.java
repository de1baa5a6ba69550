package io.salesactivitysync.mail;

/**
 * An email whose activities have no outcome yet (they are logged at the end of the batch, or wait
 * for Salesforce). Ending its exchange with this exception is how the capture tells camel-mail not
 * to mark it: the email stays unseen in the mailbox and is read again at the next poll. It is
 * expected, not an error: the bcc-errors route configuration lets it through without logging it.
 */
public class EmailPendingException extends RuntimeException {

    public EmailPendingException(String key) {
        super("the activities of BCC email " + key + " have no outcome yet: it stays unseen and is read again", null,
                false, false);
    }
}
