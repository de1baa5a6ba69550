package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.auth.AccessTokenValidator;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.cometd.bayeux.Channel;
import org.cometd.bayeux.Message;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;
import org.cometd.server.ServerMessageImpl;

/**
 * Checks incoming meta messages the way Salesforce does before CometD handles them: the API
 * version in the URL, the connection type, a live access token on every {@code /meta/connect},
 * {@code /meta/subscribe} and {@code /meta/unsubscribe}, and that a subscription names a channel
 * the org offers and a replay id it can still honour. A refused message gets Salesforce's error
 * in its reply and goes no further.
 *
 * <p>Messages from clients CometD does not know pass through untouched: CometD answers them
 * "unknown client", which {@link SalesforceReplyShaper} words as Salesforce does.
 */
final class StreamingRequestGuard implements BayeuxServer.Extension {

    private static final String LONG_POLLING = "long-polling";

    private final BayeuxServer server;
    private final AccessTokenValidator tokens;
    private final ChannelDirectory channels;
    private final StreamingEventHub hub;

    StreamingRequestGuard(BayeuxServer server, AccessTokenValidator tokens, ChannelDirectory channels,
            StreamingEventHub hub) {
        this.server = server;
        this.tokens = tokens;
        this.channels = channels;
        this.hub = hub;
    }

    @Override
    public boolean rcvMeta(ServerSession from, ServerMessage.Mutable message) {
        Optional<String> versionError = ApiVersionPath.error(message.getBayeuxContext());
        if (versionError.isPresent()) {
            return refuse(message, versionError.get());
        }
        return switch (message.getChannel()) {
            case Channel.META_HANDSHAKE -> checkHandshake(message);
            case Channel.META_CONNECT -> from == null || checkConnect(from, message);
            case Channel.META_SUBSCRIBE -> from == null || checkSubscribe(message);
            case Channel.META_UNSUBSCRIBE -> from == null || authenticationError(message).map(e -> refuse(message, e)).orElse(true);
            default -> true;
        };
    }

    private static boolean checkHandshake(ServerMessage.Mutable message) {
        List<String> types = strings(message.get(Message.SUPPORTED_CONNECTION_TYPES_FIELD));
        if (!types.isEmpty() && !types.contains(LONG_POLLING)) {
            return refuse(message, StreamingErrors.invalidConnectionType(types.get(0)));
        }
        return true;
    }

    private boolean checkConnect(ServerSession session, ServerMessage.Mutable message) {
        Object connectionType = message.get(Message.CONNECTION_TYPE_FIELD);
        if (connectionType != null && !LONG_POLLING.equals(connectionType)) {
            return refuse(message, StreamingErrors.invalidConnectionType(connectionType));
        }
        Optional<String> authenticationError = authenticationError(message);
        if (authenticationError.isPresent()) {
            // The client must log in and handshake again; this session is over.
            server.removeSession(session);
            return refuse(message, authenticationError.get());
        }
        return true;
    }

    private boolean checkSubscribe(ServerMessage.Mutable message) {
        Optional<String> authenticationError = authenticationError(message);
        if (authenticationError.isPresent()) {
            return refuse(message, authenticationError.get());
        }
        List<String> subscriptions = strings(message.get(Message.SUBSCRIPTION_FIELD));
        if (subscriptions.isEmpty()) {
            return refuse(message, StreamingErrors.CHANNEL_NOT_SPECIFIED);
        }
        for (String channel : subscriptions) {
            if (channel.isEmpty()) {
                return refuse(message, StreamingErrors.CHANNEL_NOT_SPECIFIED);
            }
            if (!channel.startsWith("/")) {
                return refuse(message, StreamingErrors.CHANNEL_WITHOUT_LEADING_SLASH);
            }
            if (!channels.exists(channel)) {
                return refuse(message, StreamingErrors.channelDoesNotExist(channel));
            }
            Object requested = ReplayRequest.requested(message, channel);
            OptionalLong replayId = ReplayRequest.replayId(requested);
            if (replayId.isEmpty() || !hub.canReplayFrom(channel, replayId.getAsLong())) {
                return refuse(message, StreamingErrors.invalidReplayId(requested));
            }
        }
        return true;
    }

    private Optional<String> authenticationError(ServerMessage message) {
        Optional<String> token = OAuthAuthorization.accessToken(message.getBayeuxContext());
        if (token.isEmpty()) {
            return Optional.of(StreamingErrors.AUTHENTICATION_REQUIRED);
        }
        return tokens.validate(token.get()).isPresent() ? Optional.empty() : Optional.of(StreamingErrors.AUTHENTICATION_INVALID);
    }

    /** A field holding one string or an array of them (JSON arrays may arrive as lists or arrays). */
    private static List<String> strings(Object field) {
        if (field instanceof String value) {
            return List.of(value);
        }
        if (field instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (field instanceof Object[] array) {
            return Arrays.stream(array).map(String::valueOf).toList();
        }
        return List.of();
    }

    /** Answers the message with this error; CometD keeps a reply marked handled as it is. */
    private static boolean refuse(ServerMessage.Mutable message, String error) {
        ServerMessageImpl reply = (ServerMessageImpl) message.getAssociated();
        reply.put(Message.ERROR_FIELD, error);
        reply.setSuccessful(false);
        reply.setHandled(true);
        return false;
    }
}
