package io.salesactivitysync.mail;

import jakarta.mail.PasswordAuthentication;
import org.apache.camel.component.mail.MailAuthenticator;
import org.springframework.stereotype.Component;

/**
 * The BCC mailbox login, read from {@code sas.mail.bcc.*} at each connection: the account and its
 * password, or, with {@code auth: xoauth2}, its OAuth2 access token (Gmail, Microsoft 365).
 * camel-mail asks for it whenever it connects, so a token changed in the configuration is used at
 * the next login without a restart.
 */
@Component
public class BccMailAuthenticator extends MailAuthenticator {

    private final BccSettings settings;

    public BccMailAuthenticator(BccSettings settings) {
        this.settings = settings;
    }

    @Override
    public PasswordAuthentication getPasswordAuthentication() {
        BccMailboxProperties mailbox = settings.current();
        return new PasswordAuthentication(mailbox.username(), mailbox.password());
    }
}
