package io.salesactivitysync.sandbox.salesforce.streaming;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.cometd.server.http.jakarta.CometDServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CometD's servlet, answering requests it cannot process (malformed JSON, an empty batch, a body
 * over Salesforce's 32,768-byte limit, a long poll superseded by a newer one) with a JSON error
 * instead of the container's error page.
 */
final class ErrorReplyingCometDServlet extends CometDServlet {

    /** Salesforce refuses request bodies above this size with "413 Maximum Request Size Exceeded". */
    static final int MAX_REQUEST_SIZE = 32_768;

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReplyingCometDServlet.class);

    @Override
    protected void sendError(HttpServletRequest request, HttpServletResponse response, int code, Throwable failure) {
        if (response.isCommitted()) {
            return;
        }
        try {
            if (failure instanceof TimeoutException) {
                BayeuxErrorReply.write(response, 409, "409::A newer /meta/connect replaced this one");
            } else if (failure != null && String.valueOf(failure.getMessage()).startsWith("Max message size")) {
                BayeuxErrorReply.write(response, 413, "413::Maximum Request Size Exceeded");
            } else if (code == 400 || failure instanceof IOException) {
                BayeuxErrorReply.write(response, 400, "400::The request body is not a JSON array of Bayeux messages");
            } else {
                LOG.warn("Bayeux request failed", failure);
                BayeuxErrorReply.write(response, 500, "500::Internal server error");
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not write the error reply", e);
        }
    }
}
