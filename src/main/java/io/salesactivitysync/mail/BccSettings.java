package io.salesactivitysync.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The BCC mailbox settings as they are now. They are bound when first asked for, not at start,
 * because a mail server started by the application itself (the sandbox's, on a free port in tests)
 * publishes its port only once it is up; after that they are kept for a few seconds.
 */
@Component
public class BccSettings {

    private static final Duration KEEP = Duration.ofSeconds(5);

    private final Environment environment;
    private final Clock clock;
    private BccMailboxProperties current;
    private Instant boundAt = Instant.MIN;

    public BccSettings(Environment environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    public synchronized BccMailboxProperties current() {
        Instant now = clock.instant();
        if (current == null || boundAt.plus(KEEP).isBefore(now)) {
            current = Binder.get(environment).bind("sas.mail.bcc", BccMailboxProperties.class)
                    .orElseThrow(() -> new IllegalStateException("sas.mail.bcc is not configured"));
            boundAt = now;
        }
        return current;
    }

    /** The session settings of the capture's IMAP consumer (its {@code additionalJavaMailProperties}). */
    public Properties javaMailProperties() {
        return current().javaMailProperties();
    }
}
