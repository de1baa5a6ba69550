package io.salesactivitysync;

import java.util.List;
import java.util.Objects;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.springframework.core.annotation.AnnotatedElementUtils;
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
 *
 * <p>A class with {@code @UseAdviceWith} gets a context of its own: it must advise its routes
 * before Camel starts, which a context another class already started would not let it do.
 */
public class IsolatedTestContexts implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
        return new Customizer(AnnotatedElementUtils.hasAnnotation(testClass, UseAdviceWith.class) ? testClass : null);
    }

    private static final class Customizer implements ContextCustomizer {

        /** The advising test class, null for every other: only an advising class splits the context cache. */
        private final Class<?> advising;

        Customizer(Class<?> advising) {
            this.advising = advising;
        }

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            new TestDatabase().initialize(context);
            new TestSandboxPorts().initialize(context);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer customizer && Objects.equals(advising, customizer.advising);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Customizer.class, advising);
        }
    }
}
