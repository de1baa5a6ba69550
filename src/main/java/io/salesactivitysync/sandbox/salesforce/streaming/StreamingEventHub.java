package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.org.OrgChangeListener;
import io.salesactivitysync.sandbox.salesforce.org.PushTopicDefinition;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cometd.bayeux.Promise;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerChannel;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;

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
 */
final class StreamingEventHub implements OrgChangeListener {

    private static final String LIVE_CHANNELS = StreamingEventHub.class.getName() + ".liveChannels";

    private final Object lock = new Object();
    private final StreamingSettings settings;
    private final Clock clock;
    private final ChannelDirectory directory;
    private final PushTopicNotifier pushTopics;
    private final ChangeEventFormatter changeEvents = new ChangeEventFormatter();
    private final Map<String, ChannelEventLog> logs = new HashMap<>();
    private long lastChangeEventReplayId;
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

    @Override
    public void onCommit(List<RecordChange> transaction) {
        // Read the topics before taking the lock: the catalog reads the org.
        List<PushTopicDefinition> topics = pushTopics.activeTopics();
        List<ChangeEvent> events = ChangeEvent.of(transaction, directory::capturesChangesOf);
        synchronized (lock) {
            Instant now = clock.instant();
            for (ChangeEvent changeEvent : events) {
                long replayId = ++lastChangeEventReplayId;
                StoredEvent event = new StoredEvent(replayId, now, changeEvents.format(changeEvent, replayId));
                publish(ChannelDirectory.changeEventChannel(changeEvent.change().entityName()), event);
                publish(ChannelDirectory.ALL_CHANGE_EVENTS, event);
            }
            for (RecordChange change : transaction) {
                for (PushTopicNotification notification : pushTopics.notificationsFor(change, topics)) {
                    String channel = ChannelDirectory.pushTopicChannel(notification.topicName());
                    long replayId = log(channel).lastReplayId() + 1;
                    publish(channel, new StoredEvent(replayId, now, notification.data(replayId)));
                }
            }
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

    private void publish(String channel, StoredEvent event) {
        ChannelEventLog log = log(channel);
        log.dropExpired(event.storedAt());
        log.append(event);
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

    private ChannelEventLog log(String channel) {
        return logs.computeIfAbsent(channel, name -> new ChannelEventLog(
                ChannelDirectory.isPushTopicChannel(name) ? settings.pushTopicRetention() : settings.changeEventRetention()));
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
