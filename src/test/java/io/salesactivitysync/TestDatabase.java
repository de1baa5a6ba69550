package io.salesactivitysync;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * Gives every Spring context a test run starts a database of its own, so that tests never touch
 * the user's {@code ./data} and contexts never see each other's rows:
 * <ul>
 *   <li>by default an in-memory H2 database with a unique name;</li>
 *   <li>with {@code -Dsas.test.database=postgres} (the {@code postgres} Maven profile) a fresh
 *       schema in the PostgreSQL database {@code sas.test.postgres.url}
 *       [{@code jdbc:postgresql://127.0.0.1:5432/test}], created by Flyway.</li>
 * </ul>
 * The settings sit just above system properties: they outrank {@code ./config/*.yml} (which
 * outranks classpath profile files), while a test's own {@code @SpringBootTest(properties=...)}
 * or command-line arguments still win. The database is dropped when the context closes, after
 * its connection pool (registered through {@code META-INF/spring.factories}).
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        String name = "sas_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        boolean postgres = "postgres".equalsIgnoreCase(environment.getProperty("sas.test.database", "h2"));
        Map<String, Object> properties = new HashMap<>();
        Disposer disposer;
        if (postgres) {
            String url = environment.getProperty("sas.test.postgres.url", DEFAULT_POSTGRES_URL);
            String user = environment.getProperty("sas.test.postgres.username", "postgres");
            String password = environment.getProperty("sas.test.postgres.password", "");
            properties.put("spring.datasource.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name);
            properties.put("spring.datasource.username", user);
            properties.put("spring.datasource.password", password);
            properties.put("spring.flyway.schemas", name);
            // a run keeps dozens of contexts cached, each with its pool: small pools stay well within
            // the server's max_connections (100 by default) even beside another run
            properties.put("spring.datasource.hikari.minimum-idle", "1");
            properties.put("spring.datasource.hikari.maximum-pool-size", "5");
            disposer = new Disposer(url, user, password, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } else {
            String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
            properties.put("spring.datasource.url", url);
            properties.put("spring.datasource.username", "sa");
            properties.put("spring.datasource.password", "");
            disposer = new Disposer(url, "sa", "", "SHUTDOWN");
        }
        // Spring's Quartz job store registers its connections JVM-wide under the scheduler's name: a
        // context's scheduler must not share it with another context's, whose pool may be closed
        properties.put("spring.quartz.scheduler-name", "sales-activity-sync-" + name);
        MutablePropertySources sources = environment.getPropertySources();
        MapPropertySource source = new MapPropertySource("testDatabase", properties);
        if (sources.contains(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addBefore(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addFirst(source);
        }
        context.addBeanFactoryPostProcessor(beanFactory -> {
            ((BeanDefinitionRegistry) beanFactory).registerBeanDefinition("testDatabaseDisposer",
                    new RootBeanDefinition(Disposer.class, () -> disposer));
            // the pool depends on the disposer, so it is closed before the disposer drops the database
            if (beanFactory.containsBeanDefinition("dataSource")) {
                BeanDefinition dataSource = beanFactory.getBeanDefinition("dataSource");
                String[] dependsOn = dataSource.getDependsOn();
                String[] extended = dependsOn == null ? new String[1] : java.util.Arrays.copyOf(dependsOn, dependsOn.length + 1);
                extended[extended.length - 1] = "testDatabaseDisposer";
                dataSource.setDependsOn(extended);
            }
        });
    }

    /** Drops the context's database once the context is done with it. */
    static final class Disposer implements DisposableBean {
        private final String url;
        private final String user;
        private final String password;
        private final String statement;

        Disposer(String url, String user, String password, String statement) {
            this.url = url;
            this.user = user;
            this.password = password;
            this.statement = statement;
        }

        @Override
        public void destroy() throws SQLException {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 Statement sql = connection.createStatement()) {
                sql.execute(statement);
            } catch (SQLException e) {
                if (!statement.toUpperCase(Locale.ROOT).startsWith("SHUTDOWN")) {
                    throw e;
                }
            }
        }
    }
}
