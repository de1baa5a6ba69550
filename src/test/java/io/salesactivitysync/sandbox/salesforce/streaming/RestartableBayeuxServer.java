package io.salesactivitysync.sandbox.salesforce.streaming;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerSession;
import org.cometd.server.BayeuxServerImpl;
import org.cometd.server.ServerSessionImpl;
import org.cometd.server.http.jakarta.CometDServlet;

/**
 * The CometD server behind {@code /cometd/*}, which drills may restart. A restart replaces the
 * whole {@link BayeuxServerImpl} and its servlet with fresh ones, as when a Salesforce streaming
 * server restarts: every client is forgotten, while the event logs, which live outside, stay.
 *
 * <p>Forgetting a client expires its CometD session and completes the long poll it may have
 * waiting, the way a poll ends at its timeout; the client learns on its next
 * {@code /meta/connect}, answered {@code 403::Unknown client}. A poll that arrives in the very
 * instant of forgetting may instead stay held until its timeout, as it would at Salesforce.
 */
final class RestartableBayeuxServer {

    private final Supplier<BayeuxServerImpl> servers;
    private final Consumer<BayeuxServer> onStart;
    private ServletContext context;
    private int generations;
    private volatile Generation current;

    /**
     * @param servers makes a configured, not yet started server
     * @param onStart told of each server once it runs
     */
    RestartableBayeuxServer(Supplier<BayeuxServerImpl> servers, Consumer<BayeuxServer> onStart) {
        this.servers = servers;
        this.onStart = onStart;
    }

    synchronized void start(ServletContext servletContext) throws ServletException {
        if (current != null) {
            throw new IllegalStateException("Already started");
        }
        context = servletContext;
        current = newGeneration();
    }

    synchronized void restart() throws ServletException {
        if (current == null) {
            return;
        }
        Generation old = current;
        forgetClients(old.server());
        current = newGeneration();
        retire(old);
    }

    synchronized void stop() {
        Generation old = current;
        current = null;
        if (old != null) {
            forgetClients(old.server());
            retire(old);
        }
    }

    /** The servlet of the running server, or null before start and after stop. */
    CometDServlet servlet() {
        Generation generation = current;
        return generation == null ? null : generation.servlet();
    }

    void forgetAllClients() {
        Generation generation = current;
        if (generation != null) {
            forgetClients(generation.server());
        }
    }

    int connectedClients() {
        Generation generation = current;
        return generation == null ? 0 : (int) generation.server().getSessions().stream()
                .filter(session -> !session.isLocalSession())
                .count();
    }

    private Generation newGeneration() throws ServletException {
        int number = ++generations;
        BayeuxServerImpl server = servers.get();
        String attribute = BayeuxServer.ATTRIBUTE + "#" + number;
        context.setAttribute(attribute, server);
        CometDServlet servlet = new ErrorReplyingCometDServlet();
        servlet.init(new GenerationConfig("cometd-" + number, context,
                Map.of(BayeuxServerImpl.CONTEXT_ATTRIBUTE_NAME_OPTION, attribute)));
        onStart.accept(server);
        return new Generation(server, servlet, attribute);
    }

    private void retire(Generation generation) {
        generation.servlet().destroy();
        context.removeAttribute(generation.attribute());
    }

    private static void forgetClients(BayeuxServerImpl server) {
        for (ServerSession session : server.getSessions()) {
            if (!session.isLocalSession()) {
                server.removeServerSession(session, true);
                ((ServerSessionImpl) session).flush();
            }
        }
    }

    private record Generation(BayeuxServerImpl server, CometDServlet servlet, String attribute) {
    }

    private record GenerationConfig(String servletName, ServletContext servletContext, Map<String, String> parameters)
            implements ServletConfig {

        @Override
        public String getServletName() {
            return servletName;
        }

        @Override
        public ServletContext getServletContext() {
            return servletContext;
        }

        @Override
        public String getInitParameter(String name) {
            return parameters.get(name);
        }

        @Override
        public Enumeration<String> getInitParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }
    }
}
