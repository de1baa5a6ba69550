package io.salesactivitysync.sandbox.salesforce.streaming;

/**
 * The {@code error} texts of Salesforce's Streaming API ("Streaming API Error Codes", "Handling
 * Streaming API Errors" and recorded replies). Clients match some of them literally:
 * camel-salesforce re-logs in on {@value #AUTHENTICATION_INVALID} and falls back to another
 * replay id on {@code 400::The replayId \{.*} you provided was invalid.*}.
 */
final class StreamingErrors {

    static final String AUTHENTICATION_INVALID = "401::Authentication invalid";
    static final String AUTHENTICATION_REQUIRED = "401::Request requires authentication";
    static final String HANDSHAKE_DENIED = "403::Handshake denied";
    static final String UNKNOWN_CLIENT = "403::Unknown client";
    static final String CHANNEL_NOT_SPECIFIED = "400::Channel name not specified";
    static final String CHANNEL_WITHOUT_LEADING_SLASH = "400::Channel subscriptions must start with a leading '/'";

    /** CometD's own text for a clientId it does not know; Salesforce says {@value #UNKNOWN_CLIENT}. */
    static final String COMETD_UNKNOWN_SESSION = "402::session_unknown";
    /** CometD's own text when the {@link org.cometd.bayeux.server.SecurityPolicy} refuses a handshake. */
    static final String COMETD_HANDSHAKE_DENIED = "403::handshake_denied";

    private StreamingErrors() {
    }

    static String channelDoesNotExist(String channel) {
        return "400::The channel you requested to subscribe to does not exist {" + channel + "}";
    }

    /** Note the two spaces after the first sentence: that is Salesforce's text. */
    static String invalidReplayId(Object replayId) {
        return "400::The replayId {" + replayId + "} you provided was invalid.  "
                + "Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.";
    }

    static String invalidConnectionType(Object connectionType) {
        return "400::Invalid connection type " + connectionType;
    }

    static String versionMissing(String latestVersion) {
        return "400::API version in the URI is mandatory. URI format: '/cometd/" + latestVersion + "'";
    }

    static String versionUnsupported(String oldestVersion, String latestVersion) {
        return "400::Unsupported API version. Only API versions '" + oldestVersion
                + "' and later are supported. URI format: '/cometd/" + latestVersion + "'";
    }
}
