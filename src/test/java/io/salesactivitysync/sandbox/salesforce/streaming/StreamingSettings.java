package io.salesactivitysync.sandbox.salesforce.streaming;

import java.time.Duration;

/**
 * The stream's part of {@code EmulatorSettings}, whose defaults are Salesforce's.
 *
 * @param changeEventRetention how long change events stay replayable (Salesforce: 72 hours)
 * @param pushTopicRetention   how long PushTopic events stay replayable (Salesforce: 24 hours)
 * @param longPollTimeout      how long a {@code /meta/connect} is held open (Salesforce: 110 s)
 * @param clientTimeout        how long a client that does not reconnect is remembered (Salesforce: 40 s)
 */
public record StreamingSettings(
        Duration changeEventRetention,
        Duration pushTopicRetention,
        Duration longPollTimeout,
        Duration clientTimeout) {
}
