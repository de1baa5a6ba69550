package io.salesactivitysync.sandbox.salesforce.streaming;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cometd.server.http.jakarta.CometDServlet;

/**
 * The servlet mapped at {@code /cometd/*}. Bayeux long polling is POST only; every POST goes to
 * the CometD servlet of the server running now, which a restart replaces.
 */
final class StreamingEndpointServlet extends HttpServlet {

    private final RestartableBayeuxServer bayeux;

    StreamingEndpointServlet(RestartableBayeuxServer bayeux) {
        this.bayeux = bayeux;
    }

    @Override
    public void init() throws ServletException {
        bayeux.start(getServletContext());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            BayeuxErrorReply.write(response, 400, "400::Only long-polling over HTTP POST is supported");
            return;
        }
        CometDServlet servlet = bayeux.servlet();
        if (servlet == null) {
            BayeuxErrorReply.write(response, 503, "503::Server is unavailable");
            return;
        }
        servlet.service((ServletRequest) request, (ServletResponse) response);
    }

    @Override
    public void destroy() {
        bayeux.stop();
    }
}
