package io.salesactivitysync.sandbox.salesforce;

import io.salesactivitysync.sandbox.SandboxService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.salesforce.springboot.SalesforceComponentConfiguration;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The sandbox profile's Salesforce emulator, Streaming API included: started with the application,
 * stopped with it.
 */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
@ConditionalOnProperty(prefix = "sandbox.salesforce", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(EmulatorSettings.class)
public class SalesforceEmulatorConfiguration {

    /** Where the emulator publishes its real port, so that ${sandbox.salesforce.port} means it. */
    static final String PORT_PROPERTY_SOURCE = "sandboxSalesforcePort";

    @Bean(destroyMethod = "close")
    SalesforceEmulator salesforceEmulator(EmulatorSettings settings, ConfigurableEnvironment environment,
            org.springframework.beans.factory.ObjectProvider<StreamingApiFactory> streaming) {
        SalesforceEmulator.Builder builder = SalesforceEmulator.builder(settings);
        // a test may wrap the Streaming API (e.g. in a StreamingWireTap, to disturb the wire)
        streaming.ifAvailable(builder::streaming);
        SalesforceEmulator emulator = builder.build().start();
        // with port 0 (tests) the emulator picks a free port: publish it, first in line, before the
        // Salesforce component reads camel.component.salesforce.login-url (see below)
        environment.getPropertySources().addFirst(new MapPropertySource(PORT_PROPERTY_SOURCE,
                Map.of("sandbox.salesforce.port", emulator.port())));
        return emulator;
    }

    /**
     * The product's Salesforce client settings (camel.component.salesforce.*) are bound once, when
     * their bean is made: make it after the emulator has started and published its port.
     */
    @Bean
    static BeanFactoryPostProcessor salesforceClientAfterEmulator() {
        return beanFactory -> {
            for (String name : beanFactory.getBeanNamesForType(SalesforceComponentConfiguration.class, true, false)) {
                BeanDefinition definition = beanFactory.getBeanDefinition(name);
                String[] dependsOn = definition.getDependsOn();
                List<String> all = new ArrayList<>(dependsOn == null ? List.of() : List.of(dependsOn));
                all.add("salesforceEmulator");
                definition.setDependsOn(all.toArray(String[]::new));
            }
        };
    }

    @Bean
    SandboxService salesforceEmulatorSandboxService(SalesforceEmulator emulator) {
        return new SalesforceEmulatorSandboxService(emulator);
    }
}
