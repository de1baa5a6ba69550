package org.apache.camel.component.salesforce.internal.streaming;

import java.util.Optional;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.cometd.client.BayeuxClient;

/**
 * What sales-activity-sync needs of camel-salesforce 4.17's streaming internals, in one place:
 * <ul>
 *   <li>camel keeps the replay id of each channel only in a JVM-wide static map
 *       ({@code SubscriptionHelper.REPLAY_EXTENSION}), and takes an endpoint's replayId only when the
 *       map has none for the channel; a subscription restarted in the same JVM would resume after
 *       the last event received, not the last one the product committed. {@link #resumeAfter} sets it.</li>
 *   <li>camel does not tell whether a subscription was confirmed; {@link #client} gives the CometD
 *       client, whose /meta/subscribe replies the product's watchdog listens to.</li>
 * </ul>
 * It lives in camel's package because both are package-private there. Review it at every
 * camel-salesforce upgrade (io.salesactivitysync.task.TaskStreamWatch uses it).
 */
public final class StreamingAccess {

    private StreamingAccess() {
    }

    /** The next subscription to the channel asks for the events after this replay id (-1: new ones only). */
    public static void resumeAfter(String channel, long replayId) {
        SubscriptionHelper.REPLAY_EXTENSION.setReplayId(channel, replayId);
    }

    /** The CometD client of the component's subscriptions, while it has one. */
    public static Optional<BayeuxClient> client(SalesforceComponent component) throws Exception {
        return Optional.ofNullable(component.getSubscriptionHelper().client);
    }

    /**
     * Starts the component's subscriptions (a login, a handshake and a connect) without subscribing
     * to anything yet: the consumer, started next, finds them started and only subscribes. A listener
     * added to {@link #client} in between hears the subscription's reply, however fast it comes.
     */
    public static void startSubscriptions(SalesforceComponent component) throws Exception {
        org.apache.camel.support.service.ServiceHelper.startService(component.getSubscriptionHelper());
    }

    /** Stops the component's subscriptions (the client disconnects); the next consumer start begins afresh. */
    public static void stopSubscriptions(SalesforceComponent component) throws Exception {
        component.getSubscriptionHelper().stop();
    }
}
