/**
 * The emulator's Streaming API: Bayeux long polling at {@code /cometd/<version>} on CometD's own
 * server, bent to Salesforce's behaviour through CometD's extension points.
 *
 * <ul>
 * <li>{@link io.salesactivitysync.sandbox.salesforce.streaming.BayeuxStreamingApi} wires it up and
 * takes the org's commits;</li>
 * <li>{@code StreamingEventHub} turns commits into events ({@code ChangeEventFormatter},
 * {@code PushTopicNotifier}), keeps one {@code ChannelEventLog} per channel for replay and hands
 * events to live subscribers;</li>
 * <li>{@code OAuthHandshakePolicy}, {@code StreamingRequestGuard} and
 * {@code SalesforceReplyShaper} give handshakes, connects and subscriptions Salesforce's checks and
 * error replies; {@code ReplayOnSubscribe} starts replay, then live delivery;</li>
 * <li>{@code RestartableBayeuxServer} and {@code StreamingEndpointServlet} host the CometD server
 * and let drills forget clients or restart it;</li>
 * <li>{@code StreamingSnapshot} and {@code StreamingStateFile} keep the event logs and replay id
 * counters across restarts of the emulator, beside the org's state file.</li>
 * </ul>
 */
package io.salesactivitysync.sandbox.salesforce.streaming;
