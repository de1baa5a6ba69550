package io.salesactivitysync.console;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the console's files from {@code classpath:/static/console/} under {@code /console/**},
 * and nothing else: {@code spring.web.resources.add-mappings} stays false, so every other unknown
 * path is still the API's JSON 404. The files need no token (they hold no data); the page sends
 * the token the user signs in with to {@code /api}, where the bearer-token filter checks it.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration implements WebMvcConfigurer {

    static final String LOCATION = "classpath:/static/console/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // revalidated on every load, so a new version of the product never runs an old script
        registry.addResourceHandler("/console/**").addResourceLocations(LOCATION).setCacheControl(CacheControl.noCache());
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", "/console/");
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
    }

    /** On the console's answers only: the API's JSON answers are not pages. */
    @Bean
    FilterRegistrationBean<ConsoleSecurityHeaders> consoleSecurityHeaders() {
        FilterRegistrationBean<ConsoleSecurityHeaders> registration = new FilterRegistrationBean<>(new ConsoleSecurityHeaders());
        registration.addUrlPatterns("/console", "/console/*");
        return registration;
    }
}
