package io.salesactivitysync;

import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Every Spring context a test starts gets a database of its own ({@link TestDatabase}) and the
 * sandbox's servers on free ports ({@link TestSandboxPorts}). Registered in
 * {@code META-INF/spring.factories} as a test-context customizer, so it applies to the Spring
 * TestContext framework only: the sandbox started by {@code mvn spring-boot:test-run} has the same
 * classpath and must keep its fixed ports and its {@code ./data}.
 */
public class IsolatedTestContexts implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
        return new Customizer();
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            new TestDatabase().initialize(context);
            new TestSandboxPorts().initialize(context);
        }

        // one customizer for every test class, so it never splits the context cache
        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
