package io.salesactivitysync.actuator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesactivitysync.api.ApiProperties;
import io.salesactivitysync.api.BearerToken;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.actuate.endpoint.CamelRoutesEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class ActuatorConfiguration {

    /** The API token check in front of {@code /actuator/**}: it authenticates a caller, it does not require one. */
    @Bean
    FilterRegistrationBean<ActuatorTokenFilter> actuatorTokenFilter(ApiProperties api, WebEndpointProperties endpoints,
                                                                   ObjectMapper objectMapper) {
        FilterRegistrationBean<ActuatorTokenFilter> registration =
                new FilterRegistrationBean<>(new ActuatorTokenFilter(new BearerToken(api.token()), objectMapper));
        registration.addUrlPatterns(endpoints.getBasePath() + "/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }

    @Bean
    @ConditionalOnAvailableEndpoint(endpoint = CamelRoutesEndpoint.class)
    CamelRoutesWebExtension camelRoutesWebExtension(CamelRoutesEndpoint endpoint, CamelContext camelContext) {
        return new CamelRoutesWebExtension(endpoint, camelContext);
    }
}
