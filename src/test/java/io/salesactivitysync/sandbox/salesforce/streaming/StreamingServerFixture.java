package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.org.PushTopicDefinition;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextAttributeEvent;
import jakarta.servlet.ServletContextAttributeListener;
import java.time.Duration;
import java.util.Collections;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.cometd.bayeux.server.BayeuxServer;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

/**
 * An embedded Tomcat on a free port hosting only the Streaming API, plus a token endpoint for
 * clients that log in first; changes are fed to it directly, as the org store would.
 */
final class StreamingServerFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2025-01-15T10:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final TestAccessTokens tokens = new TestAccessTokens(clock, Duration.ofHours(2));
    final InMemoryPushTopics pushTopics = new InMemoryPushTopics();
    final BayeuxStreamingApi streaming;
    private final WebServer server;
    private final List<Consumer<BayeuxServer>> serverWatchers = new CopyOnWriteArrayList<>();
    private ServletContext servletContext;

    /** Long polls of one second and clients forgotten after five, so that tests see reconnects quickly. */
    static StreamingSettings quickSettings() {
        return new StreamingSettings(Duration.ofHours(72), Duration.ofHours(24), Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    StreamingServerFixture() {
        this(quickSettings());
    }

    StreamingServerFixture(StreamingSettings settings) {
        this(settings, ChannelDirectory.DEFAULT_CHANGE_EVENT_ENTITIES);
    }

    StreamingServerFixture(StreamingSettings settings, Set<String> changeEventEntities) {
        streaming = new BayeuxStreamingApi(settings, tokens, pushTopics, new SimpleSoqlCompiler(), clock, changeEventEntities);
        OAuthTokenServlet oauth = new OAuthTokenServlet(tokens, this::baseUrl);
        server = new TomcatServletWebServerFactory(0).getWebServer(context -> {
            servletContext = context;
            // The streaming side files each CometD server it starts, also after a restart, as an attribute.
            context.addListener(new ServletContextAttributeListener() {
                @Override
                public void attributeAdded(ServletContextAttributeEvent event) {
                    if (event.getValue() instanceof BayeuxServer started) {
                        serverWatchers.forEach(watcher -> watcher.accept(started));
                    }
                }
            });
            streaming.register(context);
            context.addServlet("oauth", oauth).addMapping("/services/oauth2/*");
        });
        server.start();
    }

    String baseUrl() {
        return "http://localhost:" + server.getPort();
    }

    /** The CometD server running now, for tests that must see inside it (found among the context's attributes). */
    BayeuxServer bayeuxServer() {
        return Collections.list(servletContext.getAttributeNames()).stream()
                .map(servletContext::getAttribute)
                .filter(BayeuxServer.class::isInstance)
                .map(BayeuxServer.class::cast)
                .reduce((first, second) -> {
                    throw new IllegalStateException("More than one Bayeux server");
                })
                .orElseThrow();
    }

    /**
     * Hands the running CometD server to the watcher, and each one a restart starts as soon as it
     * exists, before any client can reach it.
     */
    void watchEachServer(Consumer<BayeuxServer> watcher) {
        serverWatchers.add(watcher);
        watcher.accept(bayeuxServer());
    }

    String cometdUrl() {
        return baseUrl() + "/cometd/56.0";
    }

    /** Saves a PushTopic the way the org store does: the record, then its change. */
    void createPushTopic(PushTopicDefinition topic) {
        pushTopics.save(topic);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("Name", topic.name());
        record.put("Query", topic.query());
        record.put("ApiVersion", Double.valueOf(topic.apiVersion()));
        record.put("IsActive", topic.active());
        record.put("NotifyForFields", topic.notifyForFields());
        commit(RecordChanges.created("PushTopic", topic.id(), record, clock.instant()));
    }

    void commit(RecordChange... transaction) {
        streaming.onCommit(List.of(transaction));
    }

    @Override
    public void close() {
        server.stop();
        streaming.close();
    }
}
