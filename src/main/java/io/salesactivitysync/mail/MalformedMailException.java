package io.salesactivitysync.mail;

/**
 * The email cannot be read as MIME: the capture stores it {@code rejected} with this reason and
 * leaves it in the mailbox for a person to look at.
 */
public class MalformedMailException extends Exception {

    public MalformedMailException(String reason) {
        super(reason);
    }

    public MalformedMailException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
