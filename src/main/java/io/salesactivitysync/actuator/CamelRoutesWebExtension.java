package io.salesactivitysync.actuator;

import io.salesactivitysync.api.ApiError;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spring.boot.actuate.endpoint.CamelRoutesEndpoint;
import org.apache.camel.spring.boot.actuate.endpoint.CamelRoutesEndpoint.ReadAction;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.http.HttpStatus;

/**
 * {@code GET /actuator/camelroutes/{id}/info} (and {@code /detail}) for a route that does not exist:
 * Camel's endpoint fails with a {@code NoSuchElementException} (a 500 and a stack trace in the log);
 * this answers 404 with the project's JSON error instead. The other operations stay Camel's.
 */
@EndpointWebExtension(endpoint = CamelRoutesEndpoint.class)
public class CamelRoutesWebExtension {

    private final CamelRoutesEndpoint endpoint;
    private final CamelContext camelContext;

    public CamelRoutesWebExtension(CamelRoutesEndpoint endpoint, CamelContext camelContext) {
        this.endpoint = endpoint;
        this.camelContext = camelContext;
    }

    @ReadOperation
    public WebEndpointResponse<Object> doReadAction(@Selector String id, @Selector ReadAction action) {
        if (!exists(id)) {
            Map<String, Object> error = ApiError.of(HttpStatus.NOT_FOUND,
                    "No route with id " + id + "; GET /actuator/camelroutes lists the routes").asMap();
            return new WebEndpointResponse<>(error, WebEndpointResponse.STATUS_NOT_FOUND);
        }
        return new WebEndpointResponse<>(endpoint.doReadAction(id, action));
    }

    /** Camel's endpoint lists the context's routes and those its route controller holds. */
    private boolean exists(String id) {
        return camelContext.getRoute(id) != null
                || camelContext.getRouteController().getControlledRoutes().stream().map(Route::getId).anyMatch(id::equals);
    }
}
