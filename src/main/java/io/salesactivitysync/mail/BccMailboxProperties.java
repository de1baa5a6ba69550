package io.salesactivitysync.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sas.mail.bcc.*}: the BCC mailbox account (see {@code config/application.yml}).
 *
 * @param protocol    imap, or imaps for IMAP over TLS
 * @param healthCache how long the health check's result is kept before the next login [60s]
 */
public record BccMailboxProperties(String protocol, String host, int port, String username, String password,
                                   @DefaultValue("60s") Duration healthCache) {

    @Override
    public String toString() {
        return "BccMailboxProperties[" + protocol + "://" + username + "@" + host + ":" + port
                + ", password=(hidden), healthCache=" + healthCache + "]";
    }
}
