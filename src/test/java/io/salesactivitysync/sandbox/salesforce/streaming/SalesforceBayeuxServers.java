package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.auth.AccessTokenValidator;
import java.util.function.Supplier;
import org.cometd.server.AbstractServerTransport;
import org.cometd.server.BayeuxServerImpl;
import org.cometd.server.http.AbstractHttpTransport;
import org.cometd.server.http.JSONHttpTransport;

/**
 * Makes CometD servers configured as Salesforce's streaming servers behave: long polling over
 * HTTP POST only (no WebSocket, no JSONP), long polls held {@code longPollTimeout} and advised
 * with {@code interval: 0}, sessions found by {@code clientId}, clients forgotten {@code clientTimeout} after their last poll ended,
 * events delivered on {@code /meta/connect} replies only, request bodies up to 32,768 bytes.
 * Salesforce's own rules come in through CometD's extension points: the security policy, an
 * incoming and an outgoing extension, and a subscription listener.
 */
final class SalesforceBayeuxServers implements Supplier<BayeuxServerImpl> {

    private final StreamingSettings settings;
    private final AccessTokenValidator tokens;
    private final ChannelDirectory channels;
    private final StreamingEventHub hub;

    SalesforceBayeuxServers(StreamingSettings settings, AccessTokenValidator tokens, ChannelDirectory channels,
            StreamingEventHub hub) {
        this.settings = settings;
        this.tokens = tokens;
        this.channels = channels;
        this.hub = hub;
    }

    @Override
    public BayeuxServerImpl get() {
        BayeuxServerImpl server = new BayeuxServerImpl();
        server.setOption(BayeuxServerImpl.TRANSPORTS_OPTION, JSONHttpTransport.class.getName());
        server.setOption(BayeuxServerImpl.ALLOWED_TRANSPORTS_OPTION, JSONHttpTransport.NAME);
        server.setOption(AbstractServerTransport.TIMEOUT_OPTION, settings.longPollTimeout().toMillis());
        server.setOption(AbstractServerTransport.INTERVAL_OPTION, 0L);
        server.setOption(AbstractServerTransport.MAX_INTERVAL_OPTION, settings.clientTimeout().toMillis());
        server.setOption(AbstractServerTransport.META_CONNECT_DELIVERY_OPTION, true);
        server.setOption(AbstractServerTransport.MAX_MESSAGE_SIZE_OPTION, (long) ErrorReplyingCometDServlet.MAX_REQUEST_SIZE);
        server.setOption(AbstractHttpTransport.DUPLICATE_META_CONNECT_HTTP_RESPONSE_CODE_OPTION, 409L);
        // Salesforce also wants its BAYEUX_BROWSER cookie back ("Client ... has established a
        // session, but no BAYEUX_BROWSER cookie present"). camel-salesforce stores cookies through
        // java.net.CookieManager, which files a cookie from http://localhost under the domain
        // "localhost.local" and so never sends it back here: sessions are found by clientId.
        server.setOption(AbstractHttpTransport.TRUST_CLIENT_SESSION_OPTION, true);
        server.setSecurityPolicy(new OAuthHandshakePolicy(tokens, channels));
        server.addExtension(new StreamingRequestGuard(server, tokens, channels, hub));
        server.addExtension(new SalesforceReplyShaper());
        server.addListener(new ReplayOnSubscribe(server, hub));
        return server;
    }
}
