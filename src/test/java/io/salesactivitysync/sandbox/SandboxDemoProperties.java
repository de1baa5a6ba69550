package io.salesactivitysync.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sandbox.demo.*}: the demo data (see {@code config/application-sandbox.yml}).
 *
 * @param data where the YAML file of demo reps and people is, as a Spring resource location
 * @param rep  the rep the README's examples send mail as; must be one of the demo reps
 */
@ConfigurationProperties("sandbox.demo")
public record SandboxDemoProperties(
        @DefaultValue("file:config/sandbox-demo-data.yml") String data,
        @DefaultValue("rep@sandbox.example") String rep) {
}
