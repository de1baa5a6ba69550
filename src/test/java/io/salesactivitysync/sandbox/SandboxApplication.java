package io.salesactivitysync.sandbox;

import io.salesactivitysync.SalesActivitySyncApplication;
import org.springframework.boot.SpringApplication;
import java.io.IOException;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The sandbox: the product with its development-time services (the Salesforce emulator, the mail
 * server with the BCC mailbox, demo data, the start-up banner), which live in the test source tree
 * and never in the production jar. {@code mvn spring-boot:test-run} starts it: the Maven plugin
 * picks the main class of the test classes, and this is the only one.
 *
 * <p>The product's application class runs unchanged; this one only adds the {@code sandbox} profile, which
 * switches on {@link SandboxConfiguration} and the emulator, and keeps the tests' own
 * beans ({@code @TestConfiguration}, {@code @TestComponent}) out of the component scan, as the
 * Spring TestContext framework does for tests.
 */
public final class SandboxApplication {

    private SandboxApplication() {
    }

    public static void main(String[] args) {
        application().run(args);
    }

    /** The sandbox application, not started: tests add their own initializers and arguments. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(SalesActivitySyncApplication.class);
        application.setAdditionalProfiles("sandbox");
        application.addInitializers(SandboxApplication::excludeTestTypes);
        return application;
    }

    /** Registers the filter that keeps test-only beans out of the component scan (see the class comment). */
    private static void excludeTestTypes(ConfigurableApplicationContext context) {
        context.getBeanFactory().registerSingleton("sandboxTestTypeExcludeFilter", new TestComponentExcludeFilter());
    }

    /** Spring Boot's component scan asks every {@link TypeExcludeFilter} bean whether to skip a class. */
    private static final class TestComponentExcludeFilter extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getAnnotationMetadata().isAnnotated(TestComponent.class.getName());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TestComponentExcludeFilter;
        }

        @Override
        public int hashCode() {
            return TestComponentExcludeFilter.class.hashCode();
        }
    }
}
