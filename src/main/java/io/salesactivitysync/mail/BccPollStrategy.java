package io.salesactivitysync.mail;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How the BCC capture's IMAP consumer reports a poll that failed (login refused, server down): one
 * line when it starts failing or the reason changes, one when it works again, never a stack trace
 * per poll. Camel's default strategy logs a WARN with the stack trace at every poll. The consumer
 * tries again at its next poll; {@code /actuator/health} shows the mailbox DOWN with the reason.
 */
@Component
public class BccPollStrategy implements PollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(BccPollStrategy.class);

    private volatile String failing;

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        if (failing != null) {
            LOG.info("The BCC mailbox can be read again");
            failing = null;
        }
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
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
