package io.salesactivitysync.sandbox.salesforce.camel;

import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import io.salesactivitysync.sandbox.salesforce.streaming.StreamingApi;
import io.salesactivitysync.sandbox.salesforce.streaming.StreamingSnapshot;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextAttributeEvent;
import jakarta.servlet.ServletContextAttributeListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.Consumer;
import org.cometd.bayeux.Channel;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;

/**
 * The emulator's own Streaming API with a tap on what crosses the wire, so a test can tell what
 * the server sent from what a client library made of it: the events taken from each client's
 * queue onto a {@code /meta/connect} response, the replay id each {@code /meta/subscribe} asked
 * for and its answer, handshakes and failed connects. Every CometD server the
 * streaming side starts (also after a restart) is watched from its creation, before any client
 * can reach it.
 */
final class StreamingWireTap implements StreamingApi {

    /** An event the server wrote to a client. */
    record Delivery(String clientId, String channel, long replayId) {
    }

    /** A subscription request and the server's answer. */
    record Subscription(String clientId, String channel, Object requestedReplayId, boolean successful, String error) {
    }

    private final StreamingApi streaming;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<String> connectErrors = new ArrayList<>();
    private final List<String> handshakeFailures = new ArrayList<>();
    private int handshakes;

    StreamingWireTap(StreamingApi streaming) {
        this.streaming = streaming;
    }

    @Override
    public void register(ServletContext servletContext) {
        // The streaming side files each CometD server it starts as a context attribute.
        servletContext.addListener(new ServletContextAttributeListener() {
            @Override
            public void attributeAdded(ServletContextAttributeEvent event) {
                if (event.getValue() instanceof BayeuxServer server) {
                    watch(server);
                }
            }
        });
        streaming.register(servletContext);
    }

    private void watch(BayeuxServer server) {
        server.addListener(new BayeuxServer.SessionListener() {
            @Override
            public void sessionAdded(ServerSession session, ServerMessage message) {
                session.addListener((ServerSession.DeQueueListener) (owner, queue) -> recordDeliveries(owner, queue));
            }
        });
        // CometD runs outgoing extensions last-added first: to see replies as they leave, after the
        // emulator's own extensions shaped them, the tap goes first in the list.
        List<BayeuxServer.Extension> emulators = server.getExtensions();
        emulators.forEach(server::removeExtension);
        server.addExtension(new BayeuxServer.Extension() {
            @Override
            public boolean sendMeta(ServerSession to, ServerMessage.Mutable reply) {
                recordReply(reply);
                return true;
            }
        });
        emulators.forEach(server::addExtension);
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
                String channel = String.valueOf(request == null ? reply.get("subscription") : request.get("subscription"));
                Object requested = request != null && request.getExt() != null
                        && request.getExt().get("replay") instanceof Map<?, ?> replay ? replay.get(channel) : null;
                subscriptions.add(new Subscription(reply.getClientId(), channel, requested, reply.isSuccessful(),
                        (String) reply.get("error")));
            }
            default -> {
                // nothing to record
            }
        }
    }

    /** The replay ids of the events written to clients on this channel, in the order written. */
    synchronized List<Long> deliveredReplayIds(String channel) {
        return deliveries.stream().filter(d -> d.channel().equals(channel)).map(Delivery::replayId).toList();
    }

    synchronized List<Subscription> subscriptions(String channel) {
        return subscriptions.stream().filter(s -> s.channel().equals(channel)).toList();
    }

    synchronized int successfulHandshakes() {
        return handshakes;
    }

    synchronized List<String> connectErrors() {
        return List.copyOf(connectErrors);
    }

    /** The error of each refused handshake, followed by the reply's {@code ext}. */
    synchronized List<String> handshakeFailures() {
        return List.copyOf(handshakeFailures);
    }

    /** Forgets everything recorded so far (when a test starts its consumer again). */
    synchronized void forget() {
        deliveries.clear();
        subscriptions.clear();
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
