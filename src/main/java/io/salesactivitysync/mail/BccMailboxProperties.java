package io.salesactivitysync.mail;

/**
 * {@code sas.mail.bcc.*}: the BCC mailbox account (see {@code config/application.yml}).
 *
 * @param protocol imap, or imaps for IMAP over TLS
 */
public record BccMailboxProperties(String protocol, String host, int port, String username, String password) {

    @Override
    public String toString() {
        return "BccMailboxProperties[" + protocol + "://" + username + "@" + host + ":" + port + ", password=(hidden)]";
    }
}
