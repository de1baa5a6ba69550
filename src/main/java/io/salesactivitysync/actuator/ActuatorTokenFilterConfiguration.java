package io.salesactivitysync.actuator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesactivitysync.api.ApiProperties;
import io.salesactivitysync.api.BearerToken;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The API token check in front of {@code /actuator/**}, wherever actuator is served: on the API's
 * port, or on its own ({@code management.server.port}), where Spring Boot runs a child context
 * that does not get the main context's servlet filters. Listed in
 * {@code META-INF/spring/...ManagementContextConfiguration.imports} for that child context.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
class ActuatorTokenFilterConfiguration {

    /** It authenticates a caller that sends the token; it does not require one. */
    @Bean
    FilterRegistrationBean<ActuatorTokenFilter> actuatorTokenFilter(ApiProperties api, WebEndpointProperties endpoints,
                                                                   ObjectMapper objectMapper) {
        FilterRegistrationBean<ActuatorTokenFilter> registration =
                new FilterRegistrationBean<>(new ActuatorTokenFilter(new BearerToken(api.token()), objectMapper));
        registration.addUrlPatterns(endpoints.getBasePath() + "/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }
}
