package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.org.OrgChangeListener;
import io.salesactivitysync.sandbox.salesforce.org.PushTopicDefinition;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.cometd.bayeux.Promise;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerChannel;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where committed changes become streaming events: each is appended to its channel's log and
 * handed to the subscribers that are live on that channel.
 *
 * <p>A new subscriber first gets what it asked to replay, then live events, with nothing lost or
 * repeated at the boundary. That is why live events are not broadcast with
 * {@code ServerChannel.publish}: CometD adds a session to a channel's subscribers before telling
 * listeners, so an event published in between would reach the session live and again in its
 * replay. Here appending-and-delivering and replaying-then-going-live hold the same lock; a
 * subscriber counts as live on a channel only once its replay is queued.
 *
 * <p>A transaction's changes become its {@link ChangeEvent}s first (the same update or delete of
 * several records is one event), then the PushTopic notifications of each change.
 *
 * <p>Change events share one replay id sequence (an event has the same id on
 * {@code /data/TaskChangeEvent} and {@code /data/ChangeEvents}, and ids on one channel increase
 * with gaps, as in Salesforce); each PushTopic numbers its own events.
 *
 * <p>When the logs are kept across restarts ({@link #persist}), a commit's events are logged,
 * then saved, then delivered, all under the lock: no client sees a replay id that is not saved.
 */
final class StreamingEventHub implements OrgChangeListener {

    private static final String LIVE_CHANNELS = StreamingEventHub.class.getName() + ".liveChannels";
    private static final Logger LOG = LoggerFactory.getLogger(StreamingEventHub.class);

    private final Object lock = new Object();
    private final StreamingSettings settings;
    private final Clock clock;
    private final ChannelDirectory directory;
    private final PushTopicNotifier pushTopics;
    private final ChangeEventFormatter changeEvents = new ChangeEventFormatter();
    private final Map<String, ChannelEventLog> logs = new HashMap<>();
    private long lastChangeEventReplayId;
    private long replayIdFloor;
    private long lastCommitNumber;
    private Consumer<StreamingSnapshot> saver;
    private volatile BayeuxServer server;

    StreamingEventHub(StreamingSettings settings, Clock clock, ChannelDirectory directory, PushTopicNotifier pushTopics) {
        this.settings = settings;
        this.clock = clock;
        this.directory = directory;
        this.pushTopics = pushTopics;
    }

    /** The Bayeux server whose subscribers receive live events from now on. */
    void deliverTo(BayeuxServer server) {
        this.server = server;
    }

    /**
     * Carries on from a saved state (retained events past their retention are dropped now) and
     * from now on hands the state to {@code save} after each commit's events are logged and
     * before any of them is delivered. The restored state is saved at once.
     */
    void persist(StreamingSnapshot saved, Consumer<StreamingSnapshot> save) {
        synchronized (lock) {
            logs.clear();
            lastChangeEventReplayId = saved.changeEventReplayId();
            replayIdFloor = saved.replayIdFloor();
            lastCommitNumber = saved.commitNumber();
            Instant now = clock.instant();
            for (StreamingSnapshot.ChannelSnapshot channel : saved.channels()) {
                ChannelEventLog log = new ChannelEventLog(retentionOf(channel.channel()), channel);
                log.dropExpired(now);
                logs.put(channel.channel(), log);
            }
            saver = save;
            save.accept(snapshot());
        }
    }

    /** From now on, change events are gap events (no fields; the records must be read again). */
    void gapEvents(boolean on) {
        changeEvents.gapEvents(on);
    }

    @Override
    public void onCommit(List<RecordChange> transaction) {
        // Read the topics before taking the lock: the catalog reads the org.
        List<PushTopicDefinition> topics = pushTopics.activeTopics();
        List<ChangeEvent> events = ChangeEvent.of(transaction, directory::capturesChangesOf);
        synchronized (lock) {
            Instant now = clock.instant();
            List<Map.Entry<String, StoredEvent>> logged = new ArrayList<>();
            for (ChangeEvent changeEvent : events) {
                long replayId = ++lastChangeEventReplayId;
                StoredEvent event = new StoredEvent(replayId, now, changeEvents.format(changeEvent, replayId));
                logged.add(append(ChannelDirectory.changeEventChannel(changeEvent.change().entityName()), event));
                logged.add(append(ChannelDirectory.ALL_CHANGE_EVENTS, event));
            }
            for (RecordChange change : transaction) {
                for (PushTopicNotification notification : pushTopics.notificationsFor(change, topics)) {
                    String channel = ChannelDirectory.pushTopicChannel(notification.topicName());
                    long replayId = log(channel).lastReplayId() + 1;
                    logged.add(append(channel, new StoredEvent(replayId, now, notification.data(replayId))));
                }
            }
            if (!transaction.isEmpty()) {
                lastCommitNumber = transaction.get(0).context().commitNumber();
            }
            save();
            logged.forEach(entry -> deliverLive(entry.getKey(), entry.getValue()));
        }
    }

    /** The logs and counters as they stand (see {@link StreamingSnapshot}). */
    StreamingSnapshot snapshot() {
        synchronized (lock) {
            Instant now = clock.instant();
            List<StreamingSnapshot.ChannelSnapshot> channels = new ArrayList<>();
            logs.forEach((name, log) -> {
                log.dropExpired(now);
                channels.add(log.snapshot(name));
            });
            channels.sort(Comparator.comparing(StreamingSnapshot.ChannelSnapshot::channel));
            return new StreamingSnapshot(lastCommitNumber, lastChangeEventReplayId, replayIdFloor, channels);
        }
    }

    /**
     * A failed save is logged and the events are delivered all the same: the emulator keeps
     * serving, and the next save writes the whole state again. Should it die before then, the file
     * is behind the org, and {@link StreamingSnapshot#reconciledWith} refuses the old ids and
     * starts new ones above those the unsaved commits can have used.
     */
    private void save() {
        if (saver == null) {
            return;
        }
        try {
            saver.accept(snapshot());
        } catch (RuntimeException e) {
            LOG.error("Could not save the streaming state after commit {}; the events are delivered unsaved",
                    lastCommitNumber, e);
        }
    }

    /** Whether a subscriber may resume this channel from this replay id (see {@link ChannelEventLog#canReplayFrom}). */
    boolean canReplayFrom(String channel, long replayId) {
        synchronized (lock) {
            return log(channel).canReplayFrom(replayId, clock.instant());
        }
    }

    /**
     * Queues for a session that has just subscribed the retained events after {@code replayFrom},
     * then makes it live on the channel.
     */
    void startDelivery(BayeuxServer bayeux, ServerSession session, String channel, long replayFrom) {
        synchronized (lock) {
            for (StoredEvent event : log(channel).eventsAfter(replayFrom, clock.instant())) {
                deliver(bayeux, session, channel, event);
            }
            liveChannels(session).add(channel);
        }
    }

    void stopDelivery(ServerSession session, String channel) {
        synchronized (lock) {
            liveChannels(session).remove(channel);
        }
    }

    private Map.Entry<String, StoredEvent> append(String channel, StoredEvent event) {
        ChannelEventLog log = log(channel);
        log.dropExpired(event.storedAt());
        log.append(event);
        return Map.entry(channel, event);
    }

    private void deliverLive(String channel, StoredEvent event) {
        BayeuxServer bayeux = server;
        ServerChannel serverChannel = bayeux == null ? null : bayeux.getChannel(channel);
        if (serverChannel == null) {
            return;
        }
        for (ServerSession subscriber : serverChannel.getSubscribers()) {
            if (liveChannels(subscriber).contains(channel)) {
                deliver(bayeux, subscriber, channel, event);
            }
        }
    }

    private static void deliver(BayeuxServer bayeux, ServerSession session, String channel, StoredEvent event) {
        ServerMessage.Mutable message = bayeux.newMessage();
        message.setChannel(channel);
        message.setData(event.data());
        session.deliver(null, message, Promise.noop());
    }

    /** A channel's log; a new one starts at the floor, refusing ids from a history that is gone. */
    private ChannelEventLog log(String channel) {
        return logs.computeIfAbsent(channel, name -> new ChannelEventLog(retentionOf(name),
                new StreamingSnapshot.ChannelSnapshot(name, replayIdFloor, replayIdFloor, List.of())));
    }

    private Duration retentionOf(String channel) {
        return ChannelDirectory.isPushTopicChannel(channel) ? settings.pushTopicRetention() : settings.changeEventRetention();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> liveChannels(ServerSession session) {
        Object live = session.getAttribute(LIVE_CHANNELS);
        if (live == null) {
            live = ConcurrentHashMap.newKeySet();
            session.setAttribute(LIVE_CHANNELS, live);
        }
        return (Set<String>) live;
    }
}
