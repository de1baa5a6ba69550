package io.salesactivitysync.mail;

import io.salesactivitysync.store.ActivityState;
import io.salesactivitysync.store.ActivityStore;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.spi.Synchronization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The mailbox side of the BCC capture: reads each email of a poll without marking it, holds it
 * while its activities are logged with the rest of the batch, and only then marks it: seen, and
 * moved to the folder of its outcome (Logged, Unresolved, Rejected, Failed), or, with
 * {@code move-to-folders} off, flagged where it is unless logged.
 *
 * <p>camel-mail marks a message when its exchange completes. Here that mark is taken off the
 * exchange when the email has been taken in ({@link #hold}) and given back at the end of the batch
 * ({@link #settle}) for each email whose activities all have an outcome in the store. An email
 * whose activities are still pending (Salesforce unreachable, a temporary error) gets no mark: it
 * stays unseen in the mailbox and is read again at the next poll, where the store recognises it.
 * A crash before the mark leaves it unseen too. So a mail is marked done only after its outcome
 * is stored, and reading it again never makes a second activity.
 */
@Component
public class BccMailbox {

    private static final Logger LOG = LoggerFactory.getLogger(BccMailbox.class);
    private static final String MAILBOX_MESSAGE = "sasBccMailboxMessage";

    private final BccSettings settings;
    private final ActivityStore activities;
    private final BccMetrics metrics;
    private final List<Held> held = new ArrayList<>();
    private int loggingRounds;

    /** An email taken in whose mark waits for the batch's outcome. */
    private record Held(Exchange exchange, List<Synchronization> completions, Message message, CapturedMail captured) {
    }

    /** Where an email ends up, by the outcomes of its activities. */
    public enum Outcome {
        LOGGED, UNRESOLVED, REJECTED, FAILED
    }

    public BccMailbox(BccSettings settings, ActivityStore activities, BccMetrics metrics) {
        this.settings = settings;
        this.activities = activities;
        this.metrics = metrics;
    }

    /**
     * The email's bytes as the server keeps them (read with PEEK: reading does not mark it seen),
     * or only its headers when it is larger than {@code max-message-size}. Null for the poll that
     * found the mailbox empty.
     */
    public MailboxMessage read(Exchange exchange) throws MessagingException, IOException {
        if (!(exchange.getIn() instanceof MailMessage mail)) {
            metrics.mailboxEmpty();
            return null;
        }
        Message message = mail.getOriginalMessage();
        // the steps that follow replace the exchange's message; the mailbox's is kept for the mark
        exchange.setProperty(MAILBOX_MESSAGE, message);
        if (exchange.getProperty(ExchangePropertyKey.BATCH_INDEX, 0, Integer.class) == 0) {
            startBatch(message);
        }
        long maxSize = settings.current().maxMessageSize().toBytes();
        long size = message.getSize();
        byte[] raw = null;
        if (size <= maxSize) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, (int) Math.min(size, maxSize)));
            message.writeTo(bytes);
            raw = bytes.size() <= maxSize ? bytes.toByteArray() : null;
            size = bytes.size();
        }
        Date received = message.getReceivedDate();
        List<String> notes = new ArrayList<>();
        return new MailboxMessage(raw, size, received == null ? null : received.toInstant().atOffset(java.time.ZoneOffset.UTC),
                first(message, "Message-ID"), MailText.header(first(message, "From"), notes),
                MailText.header(first(message, "Subject"), notes));
    }

    private synchronized void startBatch(Message message) {
        // marks held by a batch that never ended (the consumer stopped mid-batch) are dropped: those emails stay unseen
        held.clear();
        loggingRounds = 0;
        try {
            Folder folder = message.getFolder();
            Date received = message.getReceivedDate();
            metrics.mailbox(folder == null ? -1 : folder.getUnreadMessageCount(), received == null ? null : received.toInstant());
        } catch (MessagingException e) {
            LOG.debug("The mailbox backlog cannot be read: {}", e.getMessage());
        }
    }

    /** Takes camel-mail's mark (seen, moved) off the exchange until the batch has an outcome. */
    public synchronized void hold(Exchange exchange, CapturedMail captured) {
        List<Synchronization> completions = exchange.getExchangeExtension().handoverCompletions();
        Message message = exchange.getProperty(MAILBOX_MESSAGE, Message.class);
        held.add(new Held(exchange, completions == null ? List.of() : completions, message, captured));
    }

    /** The activities this batch stored: due now, for the batch's own logging round. */
    public void release() {
        // all of them: those held by a batch that never ended (a crash) are due now too
        activities.makeDue(ids(heldNow(), false));
    }

    /**
     * Whether another logging round is worth it: an activity of the batch is still pending and
     * never tried, and the rounds so far are fewer than the batch needs (200 activities a round)
     * plus one. Rounds that find nothing to claim (calls paused) end the loop by that bound.
     */
    public synchronized boolean logMore() {
        List<Long> ids = ids(held, false);
        int needed = ids.size() / 200 + 2;
        if (loggingRounds >= needed) {
            return false;
        }
        loggingRounds++;
        return activities.states(ids).containsValue(ActivityState.PENDING) && activities.untried(ids);
    }

    /** Gives each held email whose activities all have an outcome its mark; the others stay unseen. */
    public void settle() {
        List<Held> batch;
        synchronized (this) {
            batch = new ArrayList<>(held);
            held.clear();
        }
        if (batch.isEmpty()) {
            return;
        }
        Map<Long, ActivityState> states = activities.states(ids(batch, false));
        BccMailboxProperties mailbox = settings.current();
        int waiting = 0;
        for (Held email : batch) {
            Outcome outcome = outcome(email.captured().activityIds(), states);
            if (outcome == null) {
                waiting++;
                continue;
            }
            if (mailbox.moveToFolders()) {
                email.exchange().getIn().setHeader(MailConstants.MAIL_MOVE_TO, folder(mailbox, outcome));
            } else if (outcome != Outcome.LOGGED) {
                flag(email.message());
            }
            for (Synchronization completion : email.completions()) {
                completion.onComplete(email.exchange());
            }
            metrics.settled(outcome);
        }
        if (waiting > 0) {
            LOG.info("{} of {} BCC emails wait for Salesforce (their activities are pending): they stay unseen and are read again",
                    waiting, batch.size());
        }
    }

    /**
     * A step of the capture failed for this email (the store, the mailbox connection): it gets no
     * mark and is read again at the next poll. At the end of a batch, the emails held so far are settled.
     */
    public void failed(Exchange exchange) {
        exchange.getExchangeExtension().handoverCompletions();
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("A BCC email could not be taken in and stays unseen, to be read again: {}",
                failure == null ? "unknown failure" : MailParser.reason(failure), failure);
        if (exchange.getProperty(ExchangePropertyKey.BATCH_COMPLETE, false, Boolean.class)) {
            settle();
        }
    }

    static Outcome outcome(Collection<Long> ids, Map<Long, ActivityState> states) {
        boolean logged = false;
        boolean unresolved = false;
        boolean failed = false;
        for (Long id : ids) {
            ActivityState state = states.get(id);
            if (state == null || state == ActivityState.PENDING) {
                return null;
            }
            logged |= state == ActivityState.LOGGED;
            unresolved |= state == ActivityState.UNRESOLVED;
            failed |= state == ActivityState.FAILED;
        }
        return logged ? Outcome.LOGGED : unresolved ? Outcome.UNRESOLVED : failed ? Outcome.FAILED : Outcome.REJECTED;
    }

    private static String folder(BccMailboxProperties mailbox, Outcome outcome) {
        return switch (outcome) {
            case LOGGED -> mailbox.folders().logged();
            case UNRESOLVED -> mailbox.folders().unresolved();
            case REJECTED -> mailbox.folders().rejected();
            case FAILED -> mailbox.folders().failed();
        };
    }

    private static void flag(Message message) {
        try {
            message.setFlag(Flags.Flag.FLAGGED, true);
        } catch (MessagingException e) {
            LOG.warn("A BCC email could not be flagged: {}", e.getMessage());
        }
    }

    private synchronized List<Held> heldNow() {
        return new ArrayList<>(held);
    }

    private static List<Long> ids(List<Held> emails, boolean onlyNew) {
        return emails.stream().flatMap(email -> (onlyNew ? email.captured().newIds() : email.captured().activityIds()).stream())
                .distinct().toList();
    }

    private static String first(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
