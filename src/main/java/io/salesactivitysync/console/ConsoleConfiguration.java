package io.salesactivitysync.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.filter.OncePerRequestFilter;
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

    /**
     * The page loads only its own files and talks only to its own origin (no inline script, no CDN,
     * no frames around it), so an injected value in the data it shows cannot run.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> consoleSecurityHeaders() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Referrer-Policy", "no-referrer");
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/console", "/console/*");
        registration.setName("consoleSecurityHeaders");
        return registration;
    }
}
