package io.salesactivitysync.sandbox.salesforce.camel;

import java.util.Map;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.impl.DefaultCamelContext;

/** A plain CamelContext with the real salesforce component pointed at an emulator, and the conformance routes. */
final class CamelSalesforceClient implements AutoCloseable {

    private final CamelContext context = new DefaultCamelContext();
    private final ProducerTemplate template;

    CamelSalesforceClient(String loginUrl, Consumer<SalesforceComponent> login) throws Exception {
        SalesforceComponent component = new SalesforceComponent();
        component.setLoginUrl(loginUrl);
        component.setClientId("sandbox-client");
        component.setPackages(CamelSalesforceClient.class.getPackageName());
        login.accept(component);
        context.addComponent("salesforce", component);
        context.addRoutes(new ConformanceRoutes());
        context.start();
        template = context.createProducerTemplate();
    }

    static Consumer<SalesforceComponent> password(String username) {
        return component -> {
            component.setClientSecret("sandbox-secret");
            component.setUserName(username);
            component.setPassword("sandbox");
        };
    }

    <T> T call(String route, Object body, Map<String, Object> headers, Class<T> type) {
        return template.requestBodyAndHeaders("direct:" + route, body, headers, type);
    }

    <T> T call(String route, Object body, Class<T> type) {
        return call(route, body, Map.of(), type);
    }

    /** The SalesforceException a call fails with. */
    SalesforceException failure(String route, Object body, Map<String, Object> headers) {
        try {
            template.requestBodyAndHeaders("direct:" + route, body, headers);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof SalesforceException salesforce) {
                return salesforce;
            }
            throw e;
        }
        throw new AssertionError("direct:" + route + " did not fail");
    }

    CamelContext context() {
        return context;
    }

    @Override
    public void close() {
        context.stop();
    }
}
