package io.salesactivitysync;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings the routes made from route templates ({@code templatedRoute:} in a route file) back
 * after a route reload. Camel 4.17's reload removes every route, then adds the routes, REST
 * operations and route templates of the files again, but not the templated routes (its
 * RouteBuilder.updateRoutesToCamelContext skips them), which would leave the REST API without
 * its operations after the first edit of a route file in the sandbox. Runs only when
 * routes are reloaded (camel.main.routes-reload-enabled).
 */
@Component
public class TemplatedRoutesOnReload extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(TemplatedRoutesOnReload.class);

    private final Set<Resource> routeFiles = new LinkedHashSet<>();

    public TemplatedRoutesOnReload() {
        setIgnoreExchangeEvents(true);
        setIgnoreRouteEvents(false);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStartedEvent || event instanceof CamelEvent.RouteReloadedEvent;
    }

    @Override
    public void notify(CamelEvent event) throws Exception {
        if (event instanceof CamelEvent.CamelContextStartedEvent started) {
            remember(started.getContext());
        } else if (event instanceof CamelEvent.RouteReloadedEvent reloaded && reloaded.getIndex() == reloaded.getTotal()) {
            CamelContext context = reloaded.getRoute().getCamelContext();
            remember(context);
            restore(context);
        }
    }

    private synchronized void remember(CamelContext context) {
        for (Route route : context.getRoutes()) {
            if (route.getSourceResource() != null) {
                routeFiles.add(route.getSourceResource());
            }
        }
    }

    private synchronized void restore(CamelContext context) throws Exception {
        ModelCamelContext model = (ModelCamelContext) context;
        for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(routeFiles)) {
            if (builder instanceof RouteBuilder routeBuilder) {
                routeBuilder.configureRoutes(context);
                for (TemplatedRouteDefinition templated : routeBuilder.getTemplatedRouteCollection().getTemplatedRoutes()) {
                    if (templated.getRouteId() != null && context.getRoute(templated.getRouteId()) == null) {
                        model.addRouteFromTemplatedRoute(templated);
                        LOG.info("Route {} (from template {}) added again after the reload",
                                templated.getRouteId(), templated.getRouteTemplateRef());
                    }
                }
            }
        }
    }
}
