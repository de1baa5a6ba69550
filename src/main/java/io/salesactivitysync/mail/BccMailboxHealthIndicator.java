package io.salesactivitysync.mail;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.Properties;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The {@code bccMailbox} component of {@code /actuator/health}: logs in to the configured BCC
 * mailbox over IMAP(S) and opens its inbox. Present only when {@code sas.mail.bcc.host} is set.
 *
 * <p>The settings are read at each check rather than once at start, because a server started by
 * the application itself (the sandbox's mail server on port 0 in tests) publishes its real port
 * only when it is up.
 */
@Component
@ConditionalOnExpression("!'${sas.mail.bcc.host:}'.isEmpty()")
public class BccMailboxHealthIndicator extends AbstractHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Environment environment;

    public BccMailboxHealthIndicator(Environment environment) {
        super("BCC mailbox check failed");
        this.environment = environment;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws MessagingException {
        BccMailboxProperties mailbox = Binder.get(environment).bind("sas.mail.bcc", BccMailboxProperties.class)
                .orElseThrow(() -> new IllegalStateException("sas.mail.bcc is not configured"));
        builder.withDetail("server", mailbox.protocol() + "://" + mailbox.host() + ":" + mailbox.port())
                .withDetail("account", mailbox.username());
        Properties properties = new Properties();
        String prefix = "mail." + mailbox.protocol() + ".";
        properties.setProperty(prefix + "connectiontimeout", String.valueOf(TIMEOUT.toMillis()));
        properties.setProperty(prefix + "timeout", String.valueOf(TIMEOUT.toMillis()));
        try (Store store = Session.getInstance(properties).getStore(mailbox.protocol())) {
            store.connect(mailbox.host(), mailbox.port(), mailbox.username(), mailbox.password());
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                builder.up().withDetail("inboxMessages", inbox.getMessageCount());
            } finally {
                inbox.close(false);
            }
        }
    }
}
