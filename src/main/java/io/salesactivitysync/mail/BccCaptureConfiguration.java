package io.salesactivitysync.mail;

import java.util.Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** Beans the BCC capture route names. */
@Configuration(proxyBeanMethods = false)
public class BccCaptureConfiguration {

    /** The Jakarta Mail session settings of the capture's consumer (timeouts, XOAUTH2, trusted hosts). */
    @Bean
    @Lazy
    public Properties bccJavaMailProperties(BccSettings settings) {
        return settings.javaMailProperties();
    }
}
