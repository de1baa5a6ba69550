package io.salesactivitysync.sandbox.salesforce.streaming;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cometd.bayeux.Channel;
import org.cometd.bayeux.Message;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;

/**
 * Gives CometD's meta replies the shape of Salesforce's (recorded replies and "Handling Streaming
 * API Errors"):
 * <ul>
 * <li>every handshake reply carries {@code ext: {replay: true, "payload.format": true}}; without
 * {@code replay: true} clients never send replay ids;</li>
 * <li>a refused handshake says {@code 403::Handshake denied}, always with
 * {@code ext.sfdc.failureReason}, and advises {@code reconnect: none};</li>
 * <li>CometD's {@code 402::session_unknown} becomes {@code 403::Unknown client}, advising a new
 * handshake on {@code /meta/connect};</li>
 * <li>a {@code 401} on {@code /meta/connect} advises {@code reconnect: none, interval: 0};</li>
 * <li>replies after the handshake name the client they answer ({@code clientId}); replies to
 * a refused handshake or an unknown client name none.</li>
 * </ul>
 */
final class SalesforceReplyShaper implements BayeuxServer.Extension {

    @Override
    public boolean sendMeta(ServerSession to, ServerMessage.Mutable reply) {
        if (to != null && reply.getClientId() == null && !Channel.META_HANDSHAKE.equals(reply.getChannel())) {
            reply.setClientId(to.getId());
        }
        Object error = reply.get(Message.ERROR_FIELD);
        if (StreamingErrors.COMETD_UNKNOWN_SESSION.equals(error)) {
            reply.put(Message.ERROR_FIELD, StreamingErrors.UNKNOWN_CLIENT);
            if (Channel.META_CONNECT.equals(reply.getChannel())) {
                reply.put(Message.ADVICE_FIELD, advice(Message.RECONNECT_HANDSHAKE_VALUE, true));
            }
        }
        if (Channel.META_HANDSHAKE.equals(reply.getChannel())) {
            shapeHandshake(reply);
        } else if (Channel.META_CONNECT.equals(reply.getChannel())
                && error instanceof String text && text.startsWith("401::")) {
            reply.put(Message.ADVICE_FIELD, advice(Message.RECONNECT_NONE_VALUE, true));
        }
        return true;
    }

    private static void shapeHandshake(ServerMessage.Mutable reply) {
        Map<String, Object> ext = reply.getExt(true);
        ext.put("replay", true);
        ext.put("payload.format", true);
        if (reply.isSuccessful()) {
            reply.remove(Message.ADVICE_FIELD);
            reply.put("reestablish", false);
            return;
        }
        if (StreamingErrors.COMETD_HANDSHAKE_DENIED.equals(reply.get(Message.ERROR_FIELD))) {
            reply.put(Message.ERROR_FIELD, StreamingErrors.HANDSHAKE_DENIED);
            if (!(ext.get("sfdc") instanceof Map<?, ?> sfdc) || sfdc.get("failureReason") == null) {
                ext.put("sfdc", Map.of("failureReason", StreamingErrors.AUTHENTICATION_INVALID));
            }
        }
        reply.put(Message.ADVICE_FIELD, advice(Message.RECONNECT_NONE_VALUE, false));
    }

    private static Map<String, Object> advice(String reconnect, boolean withInterval) {
        Map<String, Object> advice = new LinkedHashMap<>();
        advice.put(Message.RECONNECT_FIELD, reconnect);
        if (withInterval) {
            advice.put(Message.INTERVAL_FIELD, 0L);
        }
        return advice;
    }
}
