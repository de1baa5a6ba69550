package io.salesactivitysync.actuator;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.actuate.endpoint.CamelRoutesEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ActuatorConfiguration {

    @Bean
    @ConditionalOnAvailableEndpoint(endpoint = CamelRoutesEndpoint.class)
    CamelRoutesWebExtension camelRoutesWebExtension(CamelRoutesEndpoint endpoint, CamelContext camelContext) {
        return new CamelRoutesWebExtension(endpoint, camelContext);
    }
}
