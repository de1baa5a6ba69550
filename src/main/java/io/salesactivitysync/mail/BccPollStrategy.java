package io.salesactivitysync.mail;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How the BCC capture's IMAP consumer reports a poll that failed (login refused, server down): one
 * line when it starts failing or the reason changes, one when it works again, never a stack trace
 * per poll. Camel's default strategy logs a WARN with the stack trace at every poll. The consumer
 * tries again at its next poll; {@code /actuator/health} shows the mailbox DOWN with the reason.
 *
 * <p>It also keeps the consumer's greedy polling (a poll that found emails is followed at once by
 * another, so a backlog drains without waiting {@code poll-interval} between batches) from
 * spinning: a poll straight after one that marked no email (all pending while Salesforce is
 * unreachable, say) is skipped, and the next one waits the interval as usual.
 */
@Component
public class BccPollStrategy implements PollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(BccPollStrategy.class);

    private final BccMailbox mailbox;
    private final long intervalNanos;
    private volatile String failing;
    private volatile long lastPollEnded = Long.MIN_VALUE;

    /** Without the mailbox: every poll begins (tests of the failure reports). */
    public BccPollStrategy() {
        this(null, 0);
    }

    @Autowired
    public BccPollStrategy(BccMailbox mailbox, @Value("${sas.mail.bcc.poll-interval:1000}") long pollIntervalMillis) {
        this.mailbox = mailbox;
        this.intervalNanos = pollIntervalMillis * 1_000_000L;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        boolean progressed = mailbox == null || mailbox.takeProgress();
        // a greedy poll comes at once; a scheduled one a whole interval after the last poll ended
        boolean greedy = lastPollEnded != Long.MIN_VALUE && System.nanoTime() - lastPollEnded < intervalNanos / 2;
        return progressed || !greedy;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        lastPollEnded = System.nanoTime();
        if (failing != null) {
            LOG.info("The BCC mailbox can be read again");
            failing = null;
        }
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        lastPollEnded = System.nanoTime();
        String reason = BccMailboxHealthIndicator.reason(cause);
        if (!reason.equals(failing)) {
            LOG.warn("The BCC mailbox cannot be read: {}; trying again at every poll", reason);
        } else {
            LOG.debug("The BCC mailbox still cannot be read: {}", reason);
        }
        failing = reason;
        return false;
    }

    /** Why the last poll failed; null when it worked. */
    public String failing() {
        return failing;
    }
}
