package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.StreamingDependencies;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextAttributeEvent;
import jakarta.servlet.ServletContextAttributeListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.function.Consumer;
import org.cometd.bayeux.Channel;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;

/**
 * The emulator's own Streaming API with a tap on what crosses the wire, so a test can tell what
 * the server sent from what a client library made of it: the events taken from each client's
 * queue onto a {@code /meta/connect} response, the replay id each {@code /meta/subscribe} asked
 * for and its answer, handshakes and connects. Every CometD server the streaming side starts
 * (also after a restart) is watched from its creation, before any client can reach it.
 *
 * <pre>{@code
 * SalesforceEmulator.builder(settings).streaming(deps -> wire = StreamingWireTap.of(deps)).build().start();
 * }</pre>
 */
public final class StreamingWireTap implements StreamingApi {

    /** An event the server wrote to a client. */
    public record Delivery(String clientId, String channel, long replayId) {
    }

    /** A subscription request and the server's answer. */
    public record Subscription(String clientId, String channel, Object requestedReplayId, boolean successful,
            String error) {
    }

    /** A reply on a meta channel, in the order the server sent them. */
    private record MetaReply(String clientId, String channel, boolean successful, String subscription) {
    }

    private final StreamingApi streaming;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<MetaReply> metaReplies = new ArrayList<>();
    private final List<String> connectErrors = new ArrayList<>();
    private final List<String> handshakeFailures = new ArrayList<>();
    private int handshakes;
    private volatile BayeuxServer server;
    private volatile Duration subscribeReplyDelay = Duration.ZERO;

    public StreamingWireTap(StreamingApi streaming) {
        this.streaming = streaming;
    }

    /** The emulator's Bayeux Streaming API, tapped. */
    public static StreamingWireTap of(StreamingDependencies deps) {
        return new StreamingWireTap(new BayeuxStreamingApi(deps.settings(), deps.tokenValidator(), deps.pushTopics(),
                deps.soqlCompiler(), deps.clock()));
    }

    /** The emulator's Bayeux Streaming API with change events for these entities only, tapped. */
    public static StreamingWireTap of(StreamingDependencies deps, Set<String> changeEventEntities) {
        return new StreamingWireTap(new BayeuxStreamingApi(deps.settings(), deps.tokenValidator(), deps.pushTopics(),
                deps.soqlCompiler(), deps.clock(), changeEventEntities));
    }

    @Override
    public void register(ServletContext servletContext) {
        // The streaming side files each CometD server it starts as a context attribute.
        servletContext.addListener(new ServletContextAttributeListener() {
            @Override
            public void attributeAdded(ServletContextAttributeEvent event) {
                if (event.getValue() instanceof BayeuxServer started) {
                    watch(started);
                }
            }
        });
        streaming.register(servletContext);
    }

    private void watch(BayeuxServer started) {
        server = started;
        started.addListener(new BayeuxServer.SessionListener() {
            @Override
            public void sessionAdded(ServerSession session, ServerMessage message) {
                session.addListener((ServerSession.DeQueueListener) (owner, queue) -> recordDeliveries(owner, queue));
            }
        });
        // CometD runs outgoing extensions last-added first: to see replies as they leave, after the
        // emulator's own extensions shaped them, the tap goes first in the list.
        List<BayeuxServer.Extension> emulators = started.getExtensions();
        emulators.forEach(started::removeExtension);
        started.addExtension(new BayeuxServer.Extension() {
            @Override
            public boolean sendMeta(ServerSession to, ServerMessage.Mutable reply) {
                if (Channel.META_SUBSCRIBE.equals(reply.getChannel())) {
                    holdSubscribeReply();
                }
                recordReply(reply);
                return true;
            }
        });
        emulators.forEach(started::addExtension);
    }

    /** The CometD server running now (a restart starts another). */
    public BayeuxServer bayeuxServer() {
        return server;
    }

    /**
     * Holds every {@code /meta/subscribe} reply this long before it leaves, as a slow network or a
     * busy Salesforce would, so that a client's long poll comes back while its subscription is pending.
     */
    public void delaySubscribeReplies(Duration delay) {
        subscribeReplyDelay = delay;
    }

    private void holdSubscribeReply() {
        long millis = subscribeReplyDelay.toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized void recordDeliveries(ServerSession session, Queue<ServerMessage> queue) {
        for (ServerMessage message : queue) {
            if (message.getData() instanceof Map<?, ?> data && data.get("event") instanceof Map<?, ?> event
                    && event.get("replayId") instanceof Number replayId) {
                deliveries.add(new Delivery(session.getId(), message.getChannel(), replayId.longValue()));
            }
        }
    }

    private synchronized void recordReply(ServerMessage.Mutable reply) {
        String subscription = null;
        switch (reply.getChannel()) {
            case Channel.META_HANDSHAKE -> {
                if (reply.isSuccessful()) {
                    handshakes++;
                } else {
                    handshakeFailures.add(reply.get("error") + " " + reply.getExt());
                }
            }
            case Channel.META_CONNECT -> {
                if (!reply.isSuccessful()) {
                    connectErrors.add(String.valueOf(reply.get("error")));
                }
            }
            case Channel.META_SUBSCRIBE -> {
                ServerMessage request = reply.getAssociated();
                subscription = String.valueOf(request == null ? reply.get("subscription") : request.get("subscription"));
                String channel = subscription;
                Object requested = request != null && request.getExt() != null
                        && request.getExt().get("replay") instanceof Map<?, ?> replay ? replay.get(channel) : null;
                subscriptions.add(new Subscription(reply.getClientId(), channel, requested, reply.isSuccessful(),
                        (String) reply.get("error")));
            }
            default -> {
                // nothing more to record
            }
        }
        metaReplies.add(new MetaReply(reply.getClientId(), reply.getChannel(), reply.isSuccessful(), subscription));
    }

    /** The replay ids of the events written to clients on this channel, in the order written. */
    public synchronized List<Long> deliveredReplayIds(String channel) {
        return deliveries.stream().filter(d -> d.channel().equals(channel)).map(Delivery::replayId).toList();
    }

    public synchronized List<Subscription> subscriptions(String channel) {
        return subscriptions.stream().filter(s -> s.channel().equals(channel)).toList();
    }

    /** Whether the last answer to a subscription of the channel was a success. */
    public synchronized boolean subscribed(String channel) {
        List<Subscription> answered = subscriptions(channel);
        return !answered.isEmpty() && answered.get(answered.size() - 1).successful();
    }

    /**
     * Whether the client whose subscription of the channel was refused last has since completed
     * two long polls without asking again: a client that meant to subscribe again (a replay-id
     * fallback) would have done so right after the refusal, so it has given the channel up.
     */
    public synchronized boolean subscriptionAbandoned(String channel) {
        int last = -1;
        for (int i = 0; i < metaReplies.size(); i++) {
            if (channel.equals(metaReplies.get(i).subscription())) {
                last = i;
            }
        }
        if (last < 0 || metaReplies.get(last).successful()) {
            return false;
        }
        String client = metaReplies.get(last).clientId();
        long pollsSince = metaReplies.subList(last + 1, metaReplies.size()).stream()
                .filter(r -> client.equals(r.clientId()) && Channel.META_CONNECT.equals(r.channel()) && r.successful())
                .count();
        return pollsSince >= 2;
    }

    /** How many long polls the server has answered successfully, to any client. */
    public synchronized long successfulConnects() {
        return metaReplies.stream().filter(r -> Channel.META_CONNECT.equals(r.channel()) && r.successful()).count();
    }

    public synchronized int successfulHandshakes() {
        return handshakes;
    }

    public synchronized List<String> connectErrors() {
        return List.copyOf(connectErrors);
    }

    /** The error of each refused handshake, followed by the reply's {@code ext}. */
    public synchronized List<String> handshakeFailures() {
        return List.copyOf(handshakeFailures);
    }

    /** Forgets everything recorded so far (when a test starts its consumer again). */
    public synchronized void forget() {
        deliveries.clear();
        subscriptions.clear();
        metaReplies.clear();
        connectErrors.clear();
        handshakeFailures.clear();
        handshakes = 0;
    }

    @Override
    public void onCommit(List<RecordChange> transaction) {
        streaming.onCommit(transaction);
    }

    @Override
    public void dropAllClients() {
        streaming.dropAllClients();
    }

    @Override
    public void gapEvents(boolean on) {
        streaming.gapEvents(on);
    }

    @Override
    public void restart() {
        streaming.restart();
    }

    @Override
    public int connectedClients() {
        return streaming.connectedClients();
    }

    @Override
    public void persist(StreamingSnapshot saved, Consumer<StreamingSnapshot> save) {
        streaming.persist(saved, save);
    }

    @Override
    public void close() {
        streaming.close();
    }
}
