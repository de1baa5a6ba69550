package io.salesactivitysync.salesforce;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * What the routes' error handling asks of a failed Salesforce call (the salesforce-errors route
 * configuration): whether a quick redelivery can help, and the failure in one line for the log.
 */
@Component("salesforceFailures")
public class SalesforceFailures {

    /** Temporary failures (busy, locked, unreachable, over the limit) are redelivered; others are not. */
    public boolean temporary(Exchange exchange) {
        Throwable failure = failure(exchange);
        return failure != null && SalesforceErrors.of(failure).errorClass() == ErrorClass.INTERMITTENT;
    }

    public String describe(Exchange exchange) {
        Throwable failure = failure(exchange);
        return failure == null ? "no failure" : SalesforceErrors.of(failure).describe();
    }

    private static Throwable failure(Exchange exchange) {
        Throwable failure = exchange.getException();
        return failure != null ? failure : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
}
