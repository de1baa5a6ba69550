package io.salesactivitysync.task;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * Where the task sync's schedules (routes/task-schedule.camel.yaml, camel-quartz on Spring Boot's
 * Quartz scheduler) keep their jobs: on PostgreSQL, Quartz's JDBC job store, clustered, in the
 * product's database (tables from db/vendor/postgresql), so that several instances share one
 * schedule and each run fires on one instance only; on the embedded H2, which one process owns,
 * the in-memory store. Any source that sets a key itself wins: this one is asked last, and looks
 * at spring.datasource.url when it is asked.
 */
public class QuartzJobStoreSwitch implements EnvironmentPostProcessor {

    static final Map<String, String> ON_POSTGRESQL = Map.of(
            "spring.quartz.job-store-type", "jdbc",
            "spring.quartz.jdbc.initialize-schema", "never",
            "spring.quartz.properties.org.quartz.jobStore.isClustered", "true",
            "spring.quartz.properties.org.quartz.jobStore.driverDelegateClass",
            "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate",
            "spring.quartz.properties.org.quartz.scheduler.instanceId", "AUTO");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // the environment is asked through a field, not as the source's source object (see BccCaptureSwitch)
        environment.getPropertySources().addLast(new EnumerablePropertySource<>("quartzJobStoreDefaults", ON_POSTGRESQL) {
            @Override
            public String[] getPropertyNames() {
                return onPostgresql() ? ON_POSTGRESQL.keySet().toArray(String[]::new) : new String[0];
            }

            @Override
            public Object getProperty(String name) {
                return onPostgresql() ? ON_POSTGRESQL.get(name) : null;
            }

            private boolean onPostgresql() {
                return environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:");
            }
        });
    }
}
