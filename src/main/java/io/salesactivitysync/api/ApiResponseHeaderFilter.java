package io.salesactivitysync.api;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Decides which Camel message headers become HTTP response headers of the REST API. Camel maps
 * every request header and query parameter into the message, and by default writes them back
 * into the response: the client's {@code Authorization} header would come back in the response.
 * Only the headers the API means to send pass. Request headers are read as Camel's HTTP default.
 *
 * <p>Installed on the platform-http component by {@code camel.component.platform-http.header-filter-strategy}.
 */
@Component
public class ApiResponseHeaderFilter extends HttpHeaderFilterStrategy {

    private static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "location");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !RESPONSE_HEADERS.contains(headerName.toLowerCase(Locale.ROOT));
    }
}
