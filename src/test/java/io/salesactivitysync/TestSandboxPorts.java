package io.salesactivitysync;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * Keeps a test that starts the sandbox profile off the sandbox's fixed ports and out of
 * {@code ./data}: the embedded mail server and the Salesforce emulator listen on free ports and
 * the emulator keeps its org in memory. Like {@link TestDatabase} these settings sit just above
 * system properties, so a test's own properties still win (registered through
 * {@code META-INF/spring.factories}).
 */
public class TestSandboxPorts implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        MapPropertySource source = new MapPropertySource("testSandboxPorts", Map.of(
                "sandbox.mail.smtp-port", "0",
                "sandbox.mail.imap-port", "0",
                "sandbox.salesforce.port", "0",
                "sandbox.salesforce.state-file", ""));
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        if (sources.contains(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addBefore(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addFirst(source);
        }
    }
}
