package io.salesactivitysync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.catalina.core.StandardHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
class ApiConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ApiConfiguration.class);
    private static final int RECOMMENDED_TOKEN_LENGTH = 32;

    /** The bearer-token check, in front of every {@code /api/**} request (the OpenAPI document included). */
    @Bean
    FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(ApiProperties properties, ObjectMapper objectMapper,
                                                                Environment environment) {
        // the sandbox's documented token is short on purpose; anywhere else a short token is a risk
        if (properties.token().length() < RECOMMENDED_TOKEN_LENGTH && !environment.acceptsProfiles(Profiles.of("sandbox"))) {
            LOG.warn("sas.api.token is shorter than {} characters and easy to guess: generate one with `openssl rand -hex 32`",
                    RECOMMENDED_TOKEN_LENGTH);
        }
        FilterRegistrationBean<BearerTokenFilter> registration =
                new FilterRegistrationBean<>(new BearerTokenFilter(properties.token(), objectMapper));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }

    /** Readiness, body size, charset and encoding checks, after the token check (see {@link ApiRequestGuard}). */
    @Bean
    FilterRegistrationBean<ApiRequestGuard> apiRequestGuard(ApiProperties properties, CamelContext camelContext,
                                                            ObjectMapper objectMapper) {
        FilterRegistrationBean<ApiRequestGuard> registration =
                new FilterRegistrationBean<>(new ApiRequestGuard(properties, camelContext::isStarted, objectMapper));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 110);
        return registration;
    }

    /**
     * Errors Tomcat answers before Spring sees the request (a refused request line or URI such as
     * an encoded slash, CONNECT) get the JSON error shape too; TRACE goes on to Spring MVC, which
     * refuses it with a JSON 405 instead of Tomcat's empty one (spring.mvc.dispatch-trace-request).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonTomcatErrors() {
        return factory -> {
            factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                }
            });
        };
    }
}
