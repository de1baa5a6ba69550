package io.salesactivitysync.sandbox;

import io.salesactivitysync.api.ApiProperties;
import io.salesactivitysync.store.PersonStore;
import io.salesactivitysync.store.RepStore;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/** The sandbox profile's embedded mail server, demo data and start-up banner. */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
@EnableConfigurationProperties({SandboxMailProperties.class, SandboxDemoProperties.class})
class SandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Bean
    @Order(0)
    @ConditionalOnProperty(prefix = "sandbox.mail", name = "enabled", matchIfMissing = true)
    SandboxMailServer sandboxMailServer(SandboxMailProperties properties, ConfigurableEnvironment environment) {
        return new SandboxMailServer(properties, environment);
    }

    @Bean
    DemoDataLoader demoDataLoader(ResourceLoader resources, RepStore reps, PersonStore people, Validator validator) {
        return new DemoDataLoader(resources, reps, people, validator);
    }

    /** Loads the demo data at every start; the loader skips what is already there. */
    @Bean
    ApplicationRunner loadDemoData(DemoDataLoader loader, SandboxDemoProperties demo, RepStore reps) {
        return args -> {
            loader.load(demo.data());
            if (reps.findByAddress(demo.rep()).isEmpty()) {
                LOG.warn("The demo rep {} (sandbox.demo.rep) is not a rep in the store: add it to {} or change sandbox.demo.rep",
                        demo.rep(), demo.data());
            }
        };
    }

    @Bean
    SandboxBanner sandboxBanner(ApiProperties api, SandboxDemoProperties demo, ObjectProvider<SandboxService> services) {
        return new SandboxBanner(api, demo, services);
    }
}
