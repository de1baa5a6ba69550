package io.salesactivitysync.mail;

import io.salesactivitysync.store.ActivityKeys;
import io.salesactivitysync.store.ActivitySource;
import io.salesactivitysync.store.ActivityStore;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.component.mail.DefaultMailUidGenerator;
import org.apache.camel.component.mail.MailEndpoint;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The capture consumer's {@code mailUidGenerator}: camel-mail asks it for each email of a poll,
 * in order, before anything else reads the email. At the first email of a poll it reads, in one
 * IMAP command for the whole poll, what camel-mail and the capture ask of each email (envelope,
 * size, arrival, flags, the Message-ID, From and Subject headers); otherwise each of those is a
 * command of its own per email, and the server's round trips, not the product, set the pace of a
 * backlog. The bodies come later, as the capture reaches them ({@link #bodies}): the whole of the
 * next small emails the store does not know yet, 200 in one command, until the
 * poll has downloaded {@code sas.mail.bcc.prefetch-bytes} ahead; an email beyond that is downloaded
 * on its own when it is read. The id itself is camel-mail's usual one.
 */
@Component
public class BccMailPrefetch extends DefaultMailUidGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(BccMailPrefetch.class);
    /** Emails prefetched beyond the poll size: seen ones may sit between the unseen. */
    private static final int SLACK = 50;

    /** Emails larger than this are downloaded on their own, not with the others. */
    private static final int BODY_PREFETCH_MAX = 512 * 1024;

    private final int pollSize;
    /** Emails whose bodies one command downloads (a logging round's worth). */
    private static final int WINDOW = 200;
    /** Bytes of bodies a poll downloads ahead at most: they stay in memory until the poll ends. */
    private final long budget;
    private final ActivityStore activities;
    /**
     * The emails of the last prefetch, by number from {@code first}. By identity: the folder object
     * outlives a poll (camel-mail closes and opens it again), so a message number alone could point
     * to an earlier poll's range, and each email of the new poll would then be read with commands
     * of its own.
     */
    private final Set<Message> prefetched = Collections.newSetFromMap(new IdentityHashMap<>());
    private Message[] range = new Message[0];
    /** Index in {@code range} up to which bodies were considered. */
    private int bodiesUntil;
    private long bodyBytes;
    /**
     * What the store had, at the prefetch, for each activity key the prefetch looked up: the ids of
     * an email read again, an empty list for one it did not know.
     */
    private final Map<String, List<Long>> checked = new HashMap<>();

    public BccMailPrefetch(@Value("${sas.mail.bcc.batch-size:1000}") int pollSize,
                           @Value("${sas.mail.bcc.prefetch-bytes:32MB}") DataSize budget, ActivityStore activities) {
        this.pollSize = pollSize;
        this.budget = budget.toBytes();
        this.activities = activities;
    }

    @Override
    public synchronized String generateUuid(MailEndpoint endpoint, Message message) {
        Folder folder = message.getFolder();
        // each poll opens the folder again, with new message objects
        if (folder != null && !prefetched.contains(message)) {
            prefetch(folder, message.getMessageNumber());
        }
        try {
            return super.generateUuid(endpoint, message);
        } catch (RuntimeException e) {
            // a message the server cannot describe must not fail the whole poll: the capture rejects it
            LOG.debug("No id for message {}: {}", message.getMessageNumber(), e.getMessage());
            return "message-" + message.getMessageNumber();
        }
    }

    /**
     * Before the capture reads this email: unless done already, the store is asked which of the
     * next 200 emails it knows, and the whole of each small one it does not know is
     * downloaded, in one command, while the poll's budget lasts. An email read again while it waits
     * for Salesforce needs only its Message-ID.
     */
    public synchronized void bodies(Message message) {
        if (!prefetched.contains(message) || range.length == 0) {
            return;
        }
        int index = message.getMessageNumber() - range[0].getMessageNumber();
        if (index < bodiesUntil || index >= range.length || range[index] != message) {
            return;
        }
        int until = Math.min(range.length, index + WINDOW);
        bodiesUntil = until;
        try {
            fetchBodies(message.getFolder(), Arrays.copyOfRange(range, index, until));
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("Prefetching bodies failed, each email is read on its own: {}", e.getMessage());
        }
    }

    private void fetchBodies(Folder folder, Message[] messages) throws MessagingException {
        Map<String, Message> unknown = new LinkedHashMap<>();
        for (Message message : messages) {
            if (message.isSet(Flags.Flag.SEEN) || message.isSet(Flags.Flag.DELETED)) {
                continue;
            }
            String[] ids = message.getHeader("Message-ID");
            String key = ids == null || ids.length == 0 ? null : ActivityKeys.messageIdKey(ids[0]);
            unknown.put(key == null ? "#" + message.getMessageNumber() : key, message);
        }
        Map<String, List<Long>> known = activities.idsByKeys(ActivitySource.BCC, unknown.keySet());
        for (String key : unknown.keySet()) {
            checked.put(key, List.copyOf(known.getOrDefault(key, List.of())));
        }
        unknown.keySet().removeAll(known.keySet());
        List<Message> download = new java.util.ArrayList<>();
        for (Message message : unknown.values()) {
            int size = message.getSize();
            if (size > BODY_PREFETCH_MAX || bodyBytes + Math.max(0, size) > budget) {
                continue;
            }
            bodyBytes += Math.max(0, size);
            download.add(message);
        }
        if (!download.isEmpty()) {
            FetchProfile bodies = new FetchProfile();
            bodies.add(IMAPFolder.FetchProfileItem.MESSAGE);
            folder.fetch(download.toArray(Message[]::new), bodies);
        }
    }

    /**
     * The activities the store had for this email's key when its bodies were prefetched (empty:
     * none); null when the prefetch did not look it up, and the store must be asked.
     */
    synchronized List<Long> knownIds(Message message, String key) {
        return prefetched.contains(message) ? checked.get(key) : null;
    }

    private void prefetch(Folder folder, int from) {
        prefetched.clear();
        checked.clear();
        range = new Message[0];
        bodiesUntil = 0;
        bodyBytes = 0;
        try {
            int to = Math.min(folder.getMessageCount(), from + pollSize + SLACK);
            if (to < from) {
                return;
            }
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.FLAGS);
            profile.add(FetchProfile.Item.SIZE);
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add("Message-ID");
            profile.add("From");
            profile.add("Subject");
            Message[] messages = folder.getMessages(from, to);
            // kept even when the fetch fails: each email is then read on its own, not prefetched again
            prefetched.addAll(Arrays.asList(messages));
            range = messages;
            folder.fetch(messages, profile);
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("Prefetching the poll failed, each email is read on its own: {}", e.getMessage());
        }
    }
}
