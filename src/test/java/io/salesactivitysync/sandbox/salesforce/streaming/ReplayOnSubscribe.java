package io.salesactivitysync.sandbox.salesforce.streaming;

import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerChannel;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;

/**
 * Starts event delivery when CometD has added a client to a channel's subscribers: first the
 * replay its subscribe message asked for ({@link StreamingRequestGuard} has checked it), then
 * live events; stops it when the client leaves the channel.
 */
final class ReplayOnSubscribe implements BayeuxServer.SubscriptionListener {

    private final BayeuxServer server;
    private final StreamingEventHub hub;

    ReplayOnSubscribe(BayeuxServer server, StreamingEventHub hub) {
        this.server = server;
        this.hub = hub;
    }

    @Override
    public void subscribed(ServerSession session, ServerChannel channel, ServerMessage message) {
        if (session.isLocalSession()) {
            return;
        }
        long replayFrom = ReplayRequest.replayId(ReplayRequest.requested(message, channel.getId()))
                .orElse(ChannelEventLog.NEW_EVENTS);
        hub.startDelivery(server, session, channel.getId(), replayFrom);
    }

    @Override
    public void unsubscribed(ServerSession session, ServerChannel channel, ServerMessage message) {
        hub.stopDelivery(session, channel.getId());
    }
}
