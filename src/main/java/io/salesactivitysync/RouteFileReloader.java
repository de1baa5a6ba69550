package io.salesactivitysync;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Route reload ({@code sas.routes.reload-enabled}, on in the sandbox): a saved change to a file in
 * {@code camel.main.routes-reload-directory} reloads the routes. It stands in for Camel's own
 * (camel.main.routes-reload-enabled, which stays off): Camel 4.17's reload stops every route and
 * loads again the file of each of them, one time per route, so a file with several routes
 * (activity-logging.camel.yaml) is loaded several times and the reload fails on duplicate route
 * ids. This one hands Camel's reload each file once.
 */
@Component
@ConditionalOnProperty(name = "sas.routes.reload-enabled", havingValue = "true")
public class RouteFileReloader implements CamelContextConfiguration {

    private final String directory;
    private final String pattern;

    public RouteFileReloader(@Value("${camel.main.routes-reload-directory:routes}") String directory,
                             @Value("${camel.main.routes-reload-pattern:*.camel.yaml}") String pattern) {
        this.directory = directory;
        this.pattern = pattern;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        OncePerFile reloader = new OncePerFile(directory, false);
        reloader.setPattern(pattern);
        try {
            camelContext.addService(reloader);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot install the route file reloader", e);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // nothing to do
    }

    static final class OncePerFile extends RouteWatcherReloadStrategy {

        OncePerFile(String directory, boolean recursive) {
            super(directory, recursive);
            // the routes are removed here, once, before Camel loads the files
            setRemoveAllRoutes(false);
        }

        @Override
        protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
            if (resources == null || removeEverything) {
                super.onRouteReload(resources, removeEverything);
                return;
            }
            CamelContext context = getCamelContext();
            Map<String, Resource> files = new LinkedHashMap<>();
            for (Route route : context.getRoutes()) {
                Resource file = route.getSourceResource();
                if (file != null && file.getLocation() != null && !file.getLocation().isEmpty()) {
                    files.putIfAbsent(file.getLocation(), file);
                }
            }
            for (Resource changed : resources) {
                files.put(changed.getLocation(), changed);
            }
            try {
                context.getRouteController().removeAllRoutes();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot stop the routes for the reload", e);
            }
            try {
                context.removeRouteTemplates("*");
            } catch (Exception e) {
                throw new IllegalStateException("Cannot drop the route templates for the reload", e);
            }
            context.getEndpointRegistry().clear();
            super.onRouteReload(files.values(), false);
        }
    }
}
