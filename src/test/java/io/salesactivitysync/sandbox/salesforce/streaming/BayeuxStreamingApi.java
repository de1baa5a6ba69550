package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.auth.AccessTokenValidator;
import io.salesactivitysync.sandbox.salesforce.org.PushTopicCatalog;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlCompiler;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The emulator's Streaming API on CometD's server: Bayeux long polling at
 * {@code /cometd/<version>} with Salesforce's authentication, channels, replay and error replies,
 * Change Data Capture events and PushTopic notifications made from the org's commits.
 */
public final class BayeuxStreamingApi implements StreamingApi {

    private final StreamingEventHub hub;
    private final RestartableBayeuxServer bayeux;

    /** Change events for the entities the emulated org knows (Task, Lead, Contact, Account, Opportunity, ...). */
    public BayeuxStreamingApi(StreamingSettings settings, AccessTokenValidator tokens, PushTopicCatalog pushTopics,
            SoqlCompiler soql, Clock clock) {
        this(settings, tokens, pushTopics, soql, clock, ChannelDirectory.DEFAULT_CHANGE_EVENT_ENTITIES);
    }

    /**
     * @param changeEventEntities the entities selected for Change Data Capture: each gets a
     *                            {@code /data/<Entity>ChangeEvent} channel and appears on
     *                            {@code /data/ChangeEvents}
     */
    public BayeuxStreamingApi(StreamingSettings settings, AccessTokenValidator tokens, PushTopicCatalog pushTopics,
            SoqlCompiler soql, Clock clock, Set<String> changeEventEntities) {
        ChannelDirectory channels = new ChannelDirectory(changeEventEntities, pushTopics);
        PushTopicNotifier notifier = new PushTopicNotifier(pushTopics, soql);
        this.hub = new StreamingEventHub(settings, clock, channels, notifier);
        this.bayeux = new RestartableBayeuxServer(
                new SalesforceBayeuxServers(settings, tokens, channels, hub), hub::deliverTo);
    }

    @Override
    public void register(ServletContext servletContext) {
        ServletRegistration.Dynamic registration =
                servletContext.addServlet("salesforce-streaming", new StreamingEndpointServlet(bayeux));
        registration.addMapping("/cometd/*");
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
    }

    @Override
    public void onCommit(List<RecordChange> transaction) {
        hub.onCommit(transaction);
    }

    @Override
    public void gapEvents(boolean on) {
        hub.gapEvents(on);
    }

    @Override
    public void dropAllClients() {
        bayeux.forgetAllClients();
    }

    @Override
    public void restart() {
        try {
            bayeux.restart();
        } catch (ServletException e) {
            throw new IllegalStateException("The streaming server did not start again", e);
        }
    }

    @Override
    public int connectedClients() {
        return bayeux.connectedClients();
    }

    @Override
    public void persist(StreamingSnapshot saved, Consumer<StreamingSnapshot> save) {
        hub.persist(saved, save);
    }

    @Override
    public void close() {
        bayeux.stop();
    }
}
