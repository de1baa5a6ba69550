package io.salesactivitysync.mail;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The default of {@code sas.mail.bcc.enabled}, which starts the BCC capture route: on when a
 * mailbox is configured ({@code sas.mail.bcc.host}) and the flows that call Salesforce run
 * ({@code sas.salesforce.enabled}), since an email is marked done only once Salesforce answered.
 * Any source that sets the key itself wins: this one is asked last, and works the answer out at the
 * moment it is asked, when every other source (a test's free port included) is in place.
 */
public class BccCaptureSwitch implements EnvironmentPostProcessor {

    static final String KEY = "sas.mail.bcc.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // the environment is asked through a field, not as the source's source object: Spring Boot
        // treats a property source whose source is an environment as that environment's sources
        environment.getPropertySources().addLast(new EnumerablePropertySource<>("bccCaptureDefault", KEY) {
            @Override
            public String[] getPropertyNames() {
                // enumerable: Spring Boot's binder then knows this source holds this one key and no other
                return new String[] {KEY};
            }

            @Override
            public Object getProperty(String name) {
                if (!KEY.equals(name)) {
                    return null;
                }
                String host = environment.getProperty("sas.mail.bcc.host", "");
                boolean salesforce = Boolean.parseBoolean(environment.getProperty("sas.salesforce.enabled", "false"));
                return String.valueOf(!host.isBlank() && salesforce);
            }
        });
    }
}
