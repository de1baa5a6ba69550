package io.salesactivitysync.mail;

import java.util.Properties;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** Beans the BCC capture route names. */
@Configuration(proxyBeanMethods = false)
public class BccCaptureConfiguration {

    /** The system property Jakarta Mail reads before it looks for a stream provider with a ServiceLoader. */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        nameStreamProvider();
    }

    /**
     * Names Angus Mail's stream provider, the one a ServiceLoader finds anyway: jakarta.mail-api 2.1
     * looks the provider up again (StreamProvider.provider(), not cached) each time it reads an
     * email's headers, and a ServiceLoader scan of the application's nested jars took about an
     * eighth of the capture's CPU in the benchmark's profile. A value set already is kept.
     */
    static void nameStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    /**
     * The redelivery policy of the capture's {@link EmailPendingException} (routes/error-handling.camel.yaml):
     * none, and nothing logged; every email's exchange ends with it.
     */
    @Bean
    public RedeliveryPolicy bccMailPendingRedelivery() {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(0);
        policy.setLogExhausted(false);
        policy.setLogStackTrace(false);
        policy.setLogHandled(false);
        return policy;
    }

    /** The Jakarta Mail session settings of the capture's consumer (timeouts, XOAUTH2, trusted hosts). */
    @Bean
    @Lazy
    public Properties bccJavaMailProperties(BccSettings settings) {
        return settings.javaMailProperties();
    }
}
