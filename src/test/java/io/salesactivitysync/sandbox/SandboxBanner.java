package io.salesactivitysync.sandbox;

import io.salesactivitysync.api.ApiProperties;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * Prints, once the sandbox is ready, where everything is: the REST API and its token, the
 * OpenAPI document, health, and the lines of every {@link SandboxService} (the mail server, the
 * Salesforce emulator, ...).
 */
public class SandboxBanner implements ApplicationListener<ApplicationReadyEvent> {

    /** The documented sandbox token: the only token the banner ever prints. */
    static final String SANDBOX_TOKEN = "sandbox-token";
    private static final String RULE = "=".repeat(100);
    private static final Logger LOG = LoggerFactory.getLogger(SandboxBanner.class);

    private final ApiProperties api;
    private final SandboxDemoProperties demo;
    private final ObjectProvider<SandboxService> services;

    public SandboxBanner(ApiProperties api, SandboxDemoProperties demo, ObjectProvider<SandboxService> services) {
        this.api = api;
        this.demo = demo;
        this.services = services;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : -1;
        LOG.info("\n{}", String.join("\n", lines(port)));
    }

    /** The banner for an application listening on the given port. */
    public List<String> lines(int port) {
        String base = "http://localhost:" + port;
        // A token set by the user (sas.api.token / SAS_API_TOKEN) may be a real secret: never print it.
        boolean documentedToken = SANDBOX_TOKEN.equals(api.token());
        String token = documentedToken ? SANDBOX_TOKEN : "<your sas.api.token>";
        List<String> lines = new ArrayList<>();
        lines.add("REST API      " + base + "/api   token: "
                + (documentedToken ? SANDBOX_TOKEN : "set by sas.api.token (not shown)"));
        lines.add("OpenAPI       " + base + "/api/openapi.json");
        lines.add("Console       " + base + "/console/   (sign in with the API token)");
        lines.add("Try           curl -H 'Authorization: Bearer " + token + "' " + base + "/api/reps");
        lines.add("Health        " + base + "/actuator/health   routes: " + base + "/actuator/camelroutes");
        lines.add("Demo rep      " + demo.rep() + "   (demo data: " + demo.data() + ")");
        services.orderedStream().forEach(service -> lines.addAll(service.describe()));
        List<String> banner = new ArrayList<>();
        banner.add(RULE);
        banner.add("sales-activity-sync sandbox is ready");
        lines.forEach(line -> banner.add("  " + line));
        banner.add(RULE);
        return banner;
    }
}
