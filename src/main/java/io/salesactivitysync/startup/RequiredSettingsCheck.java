package io.salesactivitysync.startup;

import java.util.List;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Stops the start when {@link RequiredSettings} finds settings missing. It runs once the
 * configuration is read and before the application context is refreshed: before any bean exists,
 * so before the web server, the database pool, Camel and its routes, and nothing connects anywhere
 * with a half-set configuration. Registered in {@code META-INF/spring.factories}, as application
 * listeners must be to hear events sent before the context exists.
 */
public class RequiredSettingsCheck implements ApplicationListener<ApplicationPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        List<MissingSetting> missing = RequiredSettings.missingIn(event.getApplicationContext().getEnvironment());
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
    }
}
