package io.salesactivitysync.sandbox.salesforce.streaming;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;

/**
 * Records, per channel, the replay ids of the events the server actually takes from a client's
 * queue to write on a {@code /meta/connect} response: what went on the wire, whatever a client
 * library then does with it.
 */
final class WireDeliveries implements BayeuxServer.SessionListener {

    private final List<Delivery> deliveries = new ArrayList<>();

    /** Watches the clients that handshake from now on; call again after a restart. */
    void watch(BayeuxServer server) {
        server.addListener(this);
    }

    @Override
    public void sessionAdded(ServerSession session, ServerMessage message) {
        session.addListener((ServerSession.DeQueueListener) (owner, queue) -> record(owner, queue));
    }

    /** Forgets what was recorded so far. */
    synchronized void forget() {
        deliveries.clear();
    }

    synchronized List<Long> replayIds(String channel) {
        return deliveries.stream().filter(delivery -> delivery.channel().equals(channel)).map(Delivery::replayId).toList();
    }

    private synchronized void record(ServerSession session, Queue<ServerMessage> queue) {
        for (ServerMessage message : queue) {
            if (message.getData() instanceof Map<?, ?> data && data.get("event") instanceof Map<?, ?> event
                    && event.get("replayId") instanceof Number replayId) {
                deliveries.add(new Delivery(session.getId(), message.getChannel(), replayId.longValue()));
            }
        }
    }

    private record Delivery(String clientId, String channel, long replayId) {
    }
}
