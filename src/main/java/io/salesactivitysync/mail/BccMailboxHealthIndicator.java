package io.salesactivitysync.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * The {@code bccMailbox} component of {@code /actuator/health}: logs in to the configured BCC
 * mailbox over IMAP(S) and opens the folder the capture reads ({@code sas.mail.bcc.folder}): its
 * messages, the unseen ones (the capture's backlog) and when the oldest of those arrived. Present
 * only when {@code sas.mail.bcc.host} is set.
 *
 * <p>The result is kept for {@code sas.mail.bcc.health-cache} [60s]: every health call computes
 * the overall status, anonymous ones included, and a login per call would let anyone flood the
 * mail server (and lock the account out with failed logins). For the same reason a failure is
 * logged as one line, once per check, never with a stack trace.
 *
 * <p>The settings come from {@link BccSettings} at each check (bound when asked for, not at start), because a server started by
 * the application itself (the sandbox's mail server on port 0 in tests) publishes its real port
 * only when it is up.
 */
@Component
@ConditionalOnExpression("!'${sas.mail.bcc.host:}'.isEmpty()")
public class BccMailboxHealthIndicator implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(BccMailboxHealthIndicator.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DEFAULT_CACHE = Duration.ofSeconds(60);

    private final BccSettings settings;
    private final Clock clock;
    private Health last;
    private Instant nextCheck = Instant.MIN;

    public BccMailboxHealthIndicator(BccSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The last result while it is fresh; otherwise one login, whatever the number of callers waiting. */
    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (last != null && now.isBefore(nextCheck)) {
            return last;
        }
        BccMailboxProperties mailbox;
        try {
            mailbox = settings.current();
        } catch (RuntimeException e) {
            LOG.warn("BCC mailbox check failed: the settings sas.mail.bcc.* cannot be read: {}", reason(e));
            last = Health.down().withDetail("error", "the settings sas.mail.bcc.* cannot be read: " + reason(e)).build();
            nextCheck = now.plus(DEFAULT_CACHE);
            return last;
        }
        Health health = check(mailbox, now);
        if (health.getStatus().equals(Status.DOWN)) {
            LOG.warn("BCC mailbox check failed for {} (account {}): {}; next check in {}s",
                    server(mailbox), mailbox.username(), health.getDetails().get("error"), mailbox.healthCache().toSeconds());
        } else if (last != null && !last.getStatus().equals(health.getStatus())) {
            LOG.info("BCC mailbox check for {} is {} again", server(mailbox), health.getStatus());
        }
        last = health;
        nextCheck = now.plus(mailbox.healthCache());
        return health;
    }

    private static Health check(BccMailboxProperties mailbox, Instant now) {
        Health.Builder builder = new Health.Builder()
                .withDetail("server", server(mailbox))
                .withDetail("account", mailbox.username())
                .withDetail("checkedAt", now.toString());
        // the capture's own session settings (XOAUTH2, trusted hosts), with short timeouts
        Properties properties = mailbox.javaMailProperties();
        String prefix = "mail." + mailbox.protocol() + ".";
        properties.setProperty(prefix + "connectiontimeout", String.valueOf(TIMEOUT.toMillis()));
        properties.setProperty(prefix + "timeout", String.valueOf(TIMEOUT.toMillis()));
        try (Store store = Session.getInstance(properties).getStore(mailbox.protocol())) {
            store.connect(mailbox.host(), mailbox.port(), mailbox.username(), mailbox.password());
            // the folder the capture reads, not the INBOX: a capture pointed elsewhere is judged by its own backlog
            Folder folder = store.getFolder(mailbox.folder());
            builder.withDetail("folder", mailbox.folder());
            folder.open(Folder.READ_ONLY);
            try {
                builder.withDetail("messages", folder.getMessageCount());
                // SEARCH UNSEEN on the server (numbers only), then the INTERNALDATE of the first:
                // the emails the capture has not marked yet, and how long the oldest has waited
                Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                builder.withDetail("unseen", unseen.length);
                if (unseen.length > 0) {
                    Date received = unseen[0].getReceivedDate();
                    if (received != null) {
                        builder.withDetail("oldestUnseenReceivedAt", received.toInstant().toString());
                    }
                }
                return builder.up().build();
            } finally {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            return builder.down().withDetail("error", reason(e)).build();
        }
    }

    /** One readable line (it is logged: no line breaks): what failed and, when another exception underlies it, why. */
    static String reason(Exception failure) {
        StringBuilder reason = new StringBuilder();
        if (failure instanceof AuthenticationFailedException) {
            reason.append("login refused by the server").append(failure.getMessage() == null ? "" : ": " + failure.getMessage());
        } else {
            reason.append(describe(failure));
            // a cause's type says what its message often leaves out: UnknownHostException: imap.example.com
            for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                String text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage().strip());
                if (reason.indexOf(text) < 0) {
                    reason.append(": ").append(text);
                }
            }
        }
        return reason.toString().replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message.strip();
    }

    private static String server(BccMailboxProperties mailbox) {
        return mailbox.protocol() + "://" + mailbox.host() + ":" + mailbox.port();
    }
}
