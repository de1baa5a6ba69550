package io.salesactivitysync.api;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Decides which request headers and query parameters become Camel message headers, and which
 * message headers become HTTP response headers. Camel's default lets nearly everything through
 * both ways: a client's {@code ?Location=...} would come back as a response header, a
 * {@code ?id=} could compete with the path's id, the {@code Authorization} header would be echoed.
 * In: only the Content-Type, the paging parameters and the lists' filters (the activities' state,
 * rep, since, until, source, reason; the tasks' rep, dueFrom, dueTo). Out: only what the API means to send.
 *
 * <p>Installed on the platform-http component by {@code camel.component.platform-http.header-filter-strategy};
 * the request headers a route can see at all are already cut down by {@link CheckedApiRequest}.
 */
@Component
public class ApiHeaderFilter extends HttpHeaderFilterStrategy {

    private static final Set<String> REQUEST_HEADERS = Set.of("content-type", "page", "size", "state", "rep", "since",
            "until", "source", "reason", "duefrom", "dueto");
    private static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "location", "retry-after");

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !REQUEST_HEADERS.contains(headerName.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !RESPONSE_HEADERS.contains(headerName.toLowerCase(Locale.ROOT));
    }
}
