package io.salesactivitysync.sandbox.salesforce.streaming;

import io.salesactivitysync.sandbox.salesforce.org.OrgChangeListener;
import jakarta.servlet.ServletContext;
import java.util.function.Consumer;

/**
 * The emulator's Streaming API: a Bayeux (CometD) long-polling server at {@code /cometd/<version>}
 * that turns committed record changes into Change Data Capture events and PushTopic notifications,
 * keeps a per-channel event log for replay, and can be disturbed on purpose for drills.
 */
public interface StreamingApi extends OrgChangeListener, AutoCloseable {

    /** Mounts the Bayeux endpoint ({@code /cometd/*}) on the emulator's servlet context. */
    void register(ServletContext servletContext);

    /**
     * Forgets every connected client without telling it, as when Salesforce loses client state:
     * their next {@code /meta/connect} is answered {@code 403::Unknown client}.
     */
    void dropAllClients();

    /** From now on (while on) Change Data Capture sends gap events: header and record ids, no fields. */
    void gapEvents(boolean on);

    /** Restarts the streaming side: clients are forgotten, the event logs are kept. */
    void restart();

    /** How many Bayeux clients are handshaken and not yet forgotten. */
    int connectedClients();

    /**
     * Keeps the event logs across restarts of the emulator: carries on from {@code saved} (the
     * retained events and replay id counters of an earlier run, see {@link StreamingSnapshot}) and
     * from now on passes the whole state to {@code save} after each commit's events are logged and
     * before any of them reaches a client, so no client ever holds a replay id that was not saved.
     * Called at most once, before {@link #register}; without it the logs live in memory only.
     */
    void persist(StreamingSnapshot saved, Consumer<StreamingSnapshot> save);

    @Override
    void close();
}
