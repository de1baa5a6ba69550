package io.salesactivitysync.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sandbox.mail.*}: the embedded mail server (see {@code config/application-sandbox.yml}).
 *
 * @param host       the address the servers listen on
 * @param smtpPort   SMTP port; 0 picks a free port
 * @param imapPort   IMAP port; 0 picks a free port
 * @param bccMailbox the account the BCC capture reads
 */
@ConfigurationProperties("sandbox.mail")
public record SandboxMailProperties(
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("3025") int smtpPort,
        @DefaultValue("3143") int imapPort,
        @DefaultValue Account bccMailbox) {

    public record Account(
            @DefaultValue("bcc@sandbox.example") String address,
            @DefaultValue("sandbox") String password) {
    }
}
