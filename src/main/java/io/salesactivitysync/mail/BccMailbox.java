package io.salesactivitysync.mail;

import io.salesactivitysync.store.ActivityKeys;
import io.salesactivitysync.store.ActivitySource;
import io.salesactivitysync.store.ActivityState;
import io.salesactivitysync.store.ActivityStore;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.ExchangePropertyKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The mailbox side of the BCC capture: the mailbox folder is the queue, the store is the truth.
 *
 * <p>camel-mail reads the unseen emails with PEEK (reading marks nothing). The capture marks the
 * poll's emails itself, together, once the batch's activities are logged ({@link #markBatch}), and
 * only those whose outcome is in the store: seen and moved to the folder of their outcome (Logged,
 * Unresolved, Rejected, Failed), or with {@code move-to-folders} off, seen and flagged unless
 * logged. An email whose activities are still pending stays unseen and is read again at the next
 * poll, where its Message-ID finds its activities in the store before its body is downloaded
 * again. A crash at any point leaves the email unseen and its activities in the store, so it is
 * neither lost nor taken in twice.
 */
@Component
public class BccMailbox {

    private static final Logger LOG = LoggerFactory.getLogger(BccMailbox.class);
    private static final String CAPTURED = "sasBccEmail";
    /** The exchange property that carries a {@link Round} to the bcc-logging route. */
    public static final String ROUND = "sasBccRound";

    private final BccSettings settings;
    private final ActivityStore activities;
    private final BccCapture capture;
    private final BccMailPrefetch prefetch;
    private final BccMetrics metrics;
    /** This poll's emails collected since its last release. */
    private final List<Email> unreleased = new ArrayList<>();
    private int unreleasedActivities;
    /** This poll's released rounds, logged by the bcc-logging route while the capture reads on. */
    private final List<Round> rounds = new ArrayList<>();
    /** This poll's emails that went through the route, for {@link #markBatch}. */
    private final List<Queued> toMark = new ArrayList<>();
    /** Activities a logging round takes (sas.activity.batch-size). */
    private final int batchSize;
    /** How long the end of a poll waits for its rounds to be logged before it marks what is settled. */
    private final Duration loggingWait;
    /** Whether the last poll marked an email: the consumer's greedy polling goes on only then. */
    private volatile boolean progressed;

    private record Queued(Message message, Email email) {
    }

    /**
     * One email of the poll's batch: what the capture planned for it, and once its round is stored
     * ({@link #release}), what it became; null when it could not be stored (it stays unseen).
     */
    private static final class Email {
        private final String key;
        /** Dropped once stored: a poll holds many emails, and their bodies are in the store then. */
        private volatile PlannedMail planned;
        private volatile CapturedMail captured;

        Email(PlannedMail planned) {
            this.key = planned.key();
            this.planned = planned;
            this.captured = planned.known();
        }
    }

    /**
     * Activities of the poll released together ({@link #release}): stored, due now, and handed to
     * the bcc-logging route, which logs them in rounds of sas.activity.batch-size while the capture
     * reads the next emails. The end of the poll waits for its rounds ({@link #awaitLogged}).
     */
    public static final class Round {
        private final List<Long> ids;
        private final int maxPasses;
        private volatile int passes;
        /** Whether the bcc-logging route has taken it up. */
        private volatile boolean begun;
        private final CountDownLatch done = new CountDownLatch(1);

        Round(List<Long> ids, int batchSize) {
            this.ids = ids;
            // rounds that claim nothing (calls paused, another thread took them) end by this bound
            this.maxPasses = ids.size() / batchSize + 2;
        }

        /** The activities released together. */
        public List<Long> ids() {
            return ids;
        }
    }

    /** Where an email ends up, by the outcomes of its activities. */
    public enum Outcome {
        LOGGED, UNRESOLVED, REJECTED, FAILED
    }

    public BccMailbox(BccSettings settings, ActivityStore activities, BccCapture capture, BccMailPrefetch prefetch,
                      BccMetrics metrics, @Value("${sas.activity.batch-size:200}") int batchSize,
                      @Value("${sas.activity.claim-lease:2m}") Duration loggingWait) {
        this.settings = settings;
        this.capture = capture;
        this.prefetch = prefetch;
        this.batchSize = batchSize;
        this.loggingWait = loggingWait;
        this.activities = activities;
        this.metrics = metrics;
    }

    /**
     * The email as the capture needs it: its activities when the store knows its Message-ID
     * already (read again while it waited), else its bytes as the server keeps them, or only its
     * headers when it is larger than {@code max-message-size}. Null for a poll that found nothing.
     */
    public MailboxMessage read(Exchange exchange) {
        Message message = BccMailDetach.message(exchange);
        if (message == null) {
            metrics.mailboxEmpty();
            return null;
        }
        if (exchange.getProperty(ExchangePropertyKey.BATCH_INDEX, 0, Integer.class) == 0) {
            startBatch(message);
        }
        String messageId = header(message, "Message-ID");
        OffsetDateTime received = received(message);
        String key = ActivityKeys.messageIdKey(messageId);
        // the bodies of this email and the next few, in one command, as far as the poll's budget goes
        prefetch.bodies(message);
        if (key != null) {
            // looked up for the whole batch by the prefetch, else now
            List<Long> known = prefetch.knownIds(message, key);
            if (known == null) {
                known = activities.idsByKey(ActivitySource.BCC, key);
            }
            if (!known.isEmpty()) {
                return MailboxMessage.known(key, known, received);
            }
        }
        List<String> notes = new ArrayList<>();
        String from = MailText.header(header(message, "From"), notes);
        String subject = MailText.header(header(message, "Subject"), notes);
        long maxSize = settings.current().maxMessageSize().toBytes();
        long size = size(message);
        if (size > maxSize) {
            return new MailboxMessage(null, size, received, messageId, from, subject, null, null, null);
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, (int) Math.min(Math.max(size, 0), maxSize)));
            message.writeTo(bytes);
            byte[] raw = bytes.size() <= maxSize ? bytes.toByteArray() : null;
            return new MailboxMessage(raw, bytes.size(), received, messageId, from, subject, null, null, null);
        } catch (MessagingException | IOException | RuntimeException e) {
            // the server cannot hand this email over: it is rejected with the reason, not read again forever
            String reason = MailParser.reason(e);
            String id = messageId != null ? messageId : "uid:" + uid(message);
            return new MailboxMessage(null, size, received, id, from, subject, null, null, reason);
        }
    }

    /** A header as the server gives it; null when it has none or cannot give it. */
    private static String header(Message message, String name) {
        try {
            return first(message, name);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static OffsetDateTime received(Message message) {
        try {
            Date date = message.getReceivedDate();
            return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static long size(Message message) {
        try {
            return message.getSize();
        } catch (MessagingException | RuntimeException e) {
            return -1;
        }
    }

    private static String uid(Message message) {
        try {
            if (message.getFolder() instanceof jakarta.mail.UIDFolder folder) {
                return folder.getUIDValidity() + "." + folder.getUID(message);
            }
        } catch (MessagingException | RuntimeException e) {
            // below
        }
        return "n" + message.getMessageNumber();
    }

    private synchronized void startBatch(Message message) {
        unreleased.clear();
        unreleasedActivities = 0;
        rounds.clear();
        // a poll that ended without its mark (it failed) leaves its emails unseen: read again now
        toMark.clear();
        capture.newBatch();
        try {
            Folder folder = message.getFolder();
            OffsetDateTime received = received(message);
            metrics.mailbox(folder == null ? -1 : folder.getUnreadMessageCount(), received == null ? null : received.toInstant());
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("The mailbox backlog cannot be read: {}", e.getMessage());
        }
    }

    /**
     * Counts the email into this poll's batch and keeps it on the exchange for {@link #mark}.
     */
    public synchronized void collect(Exchange exchange, PlannedMail planned) {
        Email email = new Email(planned);
        exchange.setProperty(CAPTURED, email);
        unreleased.add(email);
        unreleasedActivities += Math.max(1, planned.known() != null ? planned.known().activityIds().size()
                : planned.activities().size());
    }

    /**
     * Whether the emails collected since the last release are to be released now: at the end of the
     * poll, or once their activities fill a logging round (sas.activity.batch-size).
     */
    public synchronized boolean releaseDue(Exchange exchange) {
        return !unreleased.isEmpty() && (unreleasedActivities >= batchSize
                || exchange.getProperty(ExchangePropertyKey.BATCH_COMPLETE, false, Boolean.class));
    }

    /**
     * The emails collected since the last release: their activities stored, in one transaction
     * ({@link BccCapture#store}), then made due now, for the logging round they make (returned, and
     * handed to the bcc-logging route). An email the store refused stays unseen.
     */
    public Round release() {
        List<Email> emails;
        synchronized (this) {
            emails = new ArrayList<>(unreleased);
            unreleased.clear();
            unreleasedActivities = 0;
        }
        List<Email> toStore = emails.stream().filter(email -> email.captured == null).toList();
        if (!toStore.isEmpty()) {
            List<CapturedMail> stored = capture.store(toStore.stream().map(email -> email.planned).toList());
            for (int i = 0; i < toStore.size(); i++) {
                toStore.get(i).captured = stored.get(i);
                toStore.get(i).planned = null;
            }
        }
        // all of them: those held by a batch that never ended (a crash) are due now too
        List<Long> ids = ids(emails);
        activities.makeDue(ids);
        Round round = new Round(ids, batchSize);
        synchronized (this) {
            rounds.add(round);
        }
        return round;
    }

    /**
     * Whether the round needs another pass of the activity-logging flow: one of its activities is
     * pending, due and never tried, and the passes so far are fewer than it needs plus one.
     */
    public boolean logMore(@ExchangeProperty(ROUND) Round round) {
        round.begun = true;
        if (round.passes >= round.maxPasses) {
            return false;
        }
        round.passes++;
        return activities.untried(round.ids);
    }

    /** The round is logged, or gave up (the bcc-logging route's finally): the end of the poll stops waiting for it. */
    public void logged(@ExchangeProperty(ROUND) Round round) {
        round.done.countDown();
    }

    /**
     * The end of the poll: waits until its rounds are logged, so that its emails can be marked by
     * their outcomes; at most sas.activity.claim-lease, after which what is settled is marked and
     * the rest is read again at a later poll.
     */
    public void awaitLogged() {
        List<Round> waiting;
        synchronized (this) {
            waiting = new ArrayList<>(rounds);
        }
        long deadline = System.nanoTime() + loggingWait.toNanos();
        try {
            for (Round round : waiting) {
                if (!round.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warn("The BCC poll's activities are not all logged after {}; the emails still pending stay unseen"
                            + " and are read again", loggingWait);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Queues the email for its poll's mark ({@link #markBatch}) and ends its exchange with
     * {@link EmailPendingException}, so that camel-mail marks nothing itself: camel-mail marks each
     * email as its exchange completes, with three IMAP commands (STORE, COPY, STORE), and before the
     * batch's activities are logged, so most emails waited for the next poll to be marked.
     */
    public void mark(Exchange exchange) {
        Email email = exchange.getProperty(CAPTURED, Email.class);
        Message message = BccMailDetach.message(exchange);
        if (message != null) {
            synchronized (this) {
                toMark.add(new Queued(message, email));
            }
        }
        throw new EmailPendingException(email.key);
    }

    /**
     * The poll's mark, once all its emails went through the route and its activities were logged
     * (camel-mail's {@code postProcessAction}, with the folder still open): each queued email whose
     * activities all have an outcome in the store is marked by that outcome, a few IMAP commands for
     * the whole batch, in camel-mail's order (per outcome: STORE \Seen, COPY to its folder, STORE
     * \Deleted; camel-mail's close expunges). A COPY that fails takes \Seen back. Emails still
     * pending, or whose commands fail, stay unseen and are read again at the next poll.
     */
    public void markBatch(Folder folder) {
        List<Queued> queued;
        synchronized (this) {
            queued = new ArrayList<>(toMark);
            toMark.clear();
        }
        if (queued.isEmpty()) {
            return;
        }
        java.util.concurrent.atomic.AtomicInteger marked = new java.util.concurrent.atomic.AtomicInteger();
        // an email the store refused has no activities: it stays unseen
        queued.removeIf(q -> q.email().captured == null);
        Map<Long, ActivityState> states = activities.states(
                queued.stream().flatMap(q -> q.email().captured.activityIds().stream()).distinct().toList());
        Map<Outcome, List<Queued>> byOutcome = new java.util.EnumMap<>(Outcome.class);
        for (Queued q : queued) {
            Outcome outcome = outcome(q.email().captured.activityIds(), states);
            if (outcome != null && q.message().getFolder() == folder) {
                byOutcome.computeIfAbsent(outcome, o -> new ArrayList<>()).add(q);
            }
        }
        BccMailboxProperties mailbox = settings.current();
        byOutcome.forEach((outcome, emails) -> {
            Message[] messages = emails.stream().map(Queued::message).toArray(Message[]::new);
            try {
                if (mailbox.moveToFolders()) {
                    Folder target = folder.getStore().getFolder(folder(mailbox, outcome));
                    if (!target.exists()) {
                        target.create(Folder.HOLDS_MESSAGES);
                    }
                    // seen first, so that the copies are seen too (as camel-mail's own mark did)
                    folder.setFlags(messages, new Flags(Flags.Flag.SEEN), true);
                    try {
                        folder.copyMessages(messages, target);
                    } catch (MessagingException | RuntimeException e) {
                        folder.setFlags(messages, new Flags(Flags.Flag.SEEN), false);
                        throw e;
                    }
                    folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
                } else {
                    Flags flags = new Flags(Flags.Flag.SEEN);
                    if (outcome != Outcome.LOGGED) {
                        flags.add(Flags.Flag.FLAGGED);
                    }
                    folder.setFlags(messages, flags, true);
                }
            } catch (MessagingException | RuntimeException e) {
                LOG.warn("{} BCC emails ({}) could not be marked; they stay unseen and are read again: {}",
                        messages.length, outcome, e.getMessage());
                return;
            }
            marked.addAndGet(emails.size());
            for (Queued q : emails) {
                metrics.settled(outcome);
                LOG.debug("BCC email {} (activities {}): {}", q.email().key, q.email().captured.activityIds(), outcome);
            }
        });
        progressed = marked.get() > 0;
    }

    /** Whether the poll since the last call marked an email (for {@link BccPollStrategy}); clears it. */
    boolean takeProgress() {
        boolean answer = progressed;
        progressed = false;
        return answer;
    }

    /**
     * A step failed for this email (the store, the mailbox connection): it stays unseen and is read
     * again. One line, no stack trace unless the failure is the product's own.
     */
    public void failed(Exchange exchange) {
        Exception failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure instanceof RuntimeException && !(failure instanceof org.springframework.dao.DataAccessException)) {
            LOG.warn("A BCC email could not be taken in; it stays unseen and is read again", failure);
        } else {
            LOG.warn("A BCC email could not be taken in; it stays unseen and is read again: {}",
                    failure == null ? "unknown failure" : MailParser.reason(failure));
        }
        Round own = exchange.getProperty(ROUND, Round.class);
        if (own != null && !own.begun) {
            // released, but perhaps never handed to the bcc-logging route: the end of the poll does not
            // wait for it (its activities are due: the schedule logs them)
            own.done.countDown();
        }
        if (exchange.getProperty(ExchangePropertyKey.BATCH_COMPLETE, false, Boolean.class)) {
            // stored and due (the schedule logs them); the rounds under way are waited for, for the mark
            release().done.countDown();
            awaitLogged();
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

    private static List<Long> ids(List<Email> emails) {
        return emails.stream().map(email -> email.captured).filter(java.util.Objects::nonNull)
                .flatMap(captured -> captured.activityIds().stream()).distinct().toList();
    }

    private static String first(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
