package io.salesactivitysync;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Completes what Camel 4.17's route reload (camel.main.routes-reload-enabled, on in the sandbox)
 * leaves undone when a route file changes:
 * <ul>
 *   <li>the routes made from route templates ({@code templatedRoute:}) are removed with all the
 *       others but not created again (RouteBuilder.updateRoutesToCamelContext skips them), which
 *       would leave the REST API without its operations: they are added back;</li>
 *   <li>the REST definitions of the file are added again next to the old ones, and the OpenAPI
 *       document (rendered once when its route starts) may go on showing the old ones: each REST
 *       definition replaced by a newer one of the same id is dropped as soon as routes are added.</li>
 * </ul>
 */
@Component
public class RouteReloadRepair extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RouteReloadRepair.class);

    private final Set<Resource> routeFiles = new LinkedHashSet<>();

    public RouteReloadRepair() {
        setIgnoreExchangeEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStartedEvent || event instanceof CamelEvent.RouteAddedEvent
                || event instanceof CamelEvent.RouteReloadedEvent;
    }

    @Override
    public void notify(CamelEvent event) throws Exception {
        if (event instanceof CamelEvent.CamelContextStartedEvent started) {
            remember(started.getContext());
        } else if (event instanceof CamelEvent.RouteAddedEvent added) {
            // before the routes of a reload start: the OpenAPI route renders its document when it starts
            dropReplacedRests((ModelCamelContext) added.getRoute().getCamelContext());
        } else if (event instanceof CamelEvent.RouteReloadedEvent reloaded && reloaded.getIndex() == reloaded.getTotal()) {
            CamelContext context = reloaded.getRoute().getCamelContext();
            remember(context);
            dropReplacedRests((ModelCamelContext) context);
            addTemplatedRoutes(context);
        }
    }

    private synchronized void remember(CamelContext context) {
        for (Route route : context.getRoutes()) {
            if (route.getSourceResource() != null) {
                routeFiles.add(route.getSourceResource());
            }
        }
    }

    private static void dropReplacedRests(ModelCamelContext model) {
        List<RestDefinition> rests = model.getRestDefinitions();
        synchronized (model) {
            Set<String> newer = new HashSet<>();
            for (ListIterator<RestDefinition> it = rests.listIterator(rests.size()); it.hasPrevious(); ) {
                RestDefinition rest = it.previous();
                if (rest.getId() != null && !newer.add(rest.getId())) {
                    it.remove();
                }
            }
        }
    }

    private synchronized void addTemplatedRoutes(CamelContext context) throws Exception {
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
