package io.salesactivitysync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
}
