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

/**
 * The capture consumer's {@code mailUidGenerator}: camel-mail asks it for each email of a poll,
 * in order, before anything else reads the email. At the first email of a poll it reads, in one
 * IMAP command for the whole batch, what camel-mail and the capture ask of each email (envelope,
 * size, arrival, flags, the Message-ID, From and Subject headers); otherwise each of those is a
 * command of its own per email, and the server's round trips, not the product, set the pace of a
 * backlog. Then the whole of each small email the store does not know yet, in one more command.
 * The id itself is camel-mail's usual one.
 */
@Component
public class BccMailPrefetch extends DefaultMailUidGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(BccMailPrefetch.class);
    /** Emails prefetched beyond the batch size: seen ones may sit between the unseen. */
    private static final int SLACK = 50;

    /** Emails larger than this are downloaded on their own, not with the batch. */
    private static final int BODY_PREFETCH_MAX = 512 * 1024;

    private final int batchSize;
    private final ActivityStore activities;
    /**
     * The emails read by the last prefetch. By identity: the folder object outlives a poll (camel-mail
     * closes and opens it again), so a message number alone could point to an earlier poll's range,
     * and each email of the new poll would then be read with commands of its own.
     */
    private final Set<Message> prefetched = Collections.newSetFromMap(new IdentityHashMap<>());
    /**
     * What the store had, at the prefetch, for each activity key the prefetch looked up: the ids of
     * an email read again, an empty list for one it did not know.
     */
    private final Map<String, List<Long>> checked = new HashMap<>();

    public BccMailPrefetch(@Value("${sas.mail.bcc.batch-size:200}") int batchSize, ActivityStore activities) {
        this.batchSize = batchSize;
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
     * The whole of each small, unseen email the store does not know yet, in one more command:
     * an email read again while it waits for Salesforce needs only its Message-ID.
     */
    private void fetchBodies(Folder folder, Message[] messages) throws MessagingException {
        Map<String, Message> unknown = new LinkedHashMap<>();
        for (Message message : messages) {
            if (message.isSet(Flags.Flag.SEEN) || message.isSet(Flags.Flag.DELETED) || message.getSize() > BODY_PREFETCH_MAX) {
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
        if (!unknown.isEmpty()) {
            FetchProfile bodies = new FetchProfile();
            bodies.add(IMAPFolder.FetchProfileItem.MESSAGE);
            folder.fetch(unknown.values().toArray(Message[]::new), bodies);
        }
    }

    /**
     * The activities the store had for this email's key when its batch was prefetched (empty: none);
     * null when the prefetch did not look it up, and the store must be asked.
     */
    synchronized List<Long> knownIds(Message message, String key) {
        return prefetched.contains(message) ? checked.get(key) : null;
    }

    private void prefetch(Folder folder, int from) {
        prefetched.clear();
        checked.clear();
        try {
            int to = Math.min(folder.getMessageCount(), from + batchSize + SLACK);
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
            prefetched.addAll(Arrays.asList(messages));
            folder.fetch(messages, profile);
            fetchBodies(folder, messages);
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("Prefetching the batch failed, each email is read on its own: {}", e.getMessage());
        }
    }
}
