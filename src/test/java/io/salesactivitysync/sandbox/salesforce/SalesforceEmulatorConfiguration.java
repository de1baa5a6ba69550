package io.salesactivitysync.sandbox.salesforce;

import io.salesactivitysync.sandbox.SandboxService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The sandbox profile's Salesforce emulator, Streaming API included: started with the application,
 * stopped with it.
 */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
@ConditionalOnProperty(prefix = "sandbox.salesforce", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(EmulatorSettings.class)
public class SalesforceEmulatorConfiguration {

    @Bean(destroyMethod = "close")
    SalesforceEmulator salesforceEmulator(EmulatorSettings settings) {
        return SalesforceEmulator.builder(settings).build().start();
    }

    @Bean
    SandboxService salesforceEmulatorSandboxService(SalesforceEmulator emulator) {
        return new SalesforceEmulatorSandboxService(emulator);
    }
}
