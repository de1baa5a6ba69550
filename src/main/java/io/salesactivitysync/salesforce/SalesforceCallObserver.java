package io.salesactivitysync.salesforce;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.Exchange;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

/**
 * Sees every call a route makes to Salesforce (an exchange sent to a {@code salesforce:}
 * endpoint): counts it by operation ({@code sas.salesforce.api.calls}) and passes the org's API
 * usage that Salesforce returned with it to the {@link ApiUsageMonitor}. A composite or
 * collections request is one call, as Salesforce counts it.
 */
@Component
public class SalesforceCallObserver extends EventNotifierSupport {

    private static final String SCHEME = "salesforce:";

    private final ApiUsageMonitor usage;
    private final MeterRegistry meters;

    public SalesforceCallObserver(ApiUsageMonitor usage, MeterRegistry meters) {
        this.usage = usage;
        this.meters = meters;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
    }

    /**
     * The sending events too: Camel's send step emits the "sent" event only when a notifier took
     * the "sending" one before the call.
     */
    @Override
    public boolean isEnabled(CamelEvent event) {
        return (event instanceof ExchangeSendingEvent sending && isSalesforce(sending.getEndpoint().getEndpointUri()))
                || (event instanceof ExchangeSentEvent sent && isSalesforce(sent.getEndpoint().getEndpointUri()));
    }

    private static boolean isSalesforce(String uri) {
        return uri.startsWith(SCHEME);
    }

    @Override
    public void notify(CamelEvent event) {
        if (!(event instanceof ExchangeSentEvent sent)) {
            return;
        }
        Exchange exchange = sent.getExchange();
        String uri = sent.getEndpoint().getEndpointUri();
        int end = uri.indexOf('?');
        String operation = uri.substring(SCHEME.length(), end < 0 ? uri.length() : end).replaceFirst("^//", "");
        Counter.builder("sas.salesforce.api.calls")
                .description("Calls made to the Salesforce API (a composite or collections request counts once)")
                .tag("operation", operation)
                .tag("outcome", exchange.getException() == null ? "success" : "failure")
                .register(meters)
                .increment();
        usage.observeHeader(exchange.getMessage().getHeader("Sforce-Limit-Info", String.class));
        if (exchange.getException() != null
                && "REQUEST_LIMIT_EXCEEDED".equals(SalesforceErrors.of(exchange.getException()).code())) {
            usage.limitExceeded();
        }
    }
}
