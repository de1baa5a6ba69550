package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.auth.AccessTokenValidator;
import java.util.Map;
import java.util.Optional;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.SecurityPolicy;
import org.cometd.bayeux.server.ServerChannel;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;

/**
 * Who may do what on the stream. A handshake needs a live access token in its
 * {@code Authorization} header; a refused one carries the reason in
 * {@code ext.sfdc.failureReason}, which is how Salesforce tells clients to log in again
 * (camel-salesforce 4.17 even fails with a NullPointerException without it). Clients only
 * subscribe: channels exist when the org offers them, and nobody publishes through Bayeux.
 */
final class OAuthHandshakePolicy implements SecurityPolicy {

    private final AccessTokenValidator tokens;
    private final ChannelDirectory channels;

    OAuthHandshakePolicy(AccessTokenValidator tokens, ChannelDirectory channels) {
        this.tokens = tokens;
        this.channels = channels;
    }

    @Override
    public boolean canHandshake(BayeuxServer server, ServerSession session, ServerMessage message) {
        Optional<String> token = OAuthAuthorization.accessToken(message.getBayeuxContext());
        if (token.flatMap(tokens::validate).isPresent()) {
            return true;
        }
        String reason = token.isPresent() ? StreamingErrors.AUTHENTICATION_INVALID : StreamingErrors.AUTHENTICATION_REQUIRED;
        message.getAssociated().getExt(true).put("sfdc", Map.of("failureReason", reason));
        return false;
    }

    @Override
    public boolean canCreate(BayeuxServer server, ServerSession session, String channelId, ServerMessage message) {
        return session == null || session.isLocalSession() || channels.exists(channelId);
    }

    @Override
    public boolean canSubscribe(BayeuxServer server, ServerSession session, ServerChannel channel, ServerMessage message) {
        return true;
    }

    @Override
    public boolean canPublish(BayeuxServer server, ServerSession session, ServerChannel channel, ServerMessage message) {
        return session != null && session.isLocalSession();
    }
}
