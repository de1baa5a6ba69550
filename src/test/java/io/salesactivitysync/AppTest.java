package io.salesactivitysync;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application as it ships (./config, ./routes), on a random port, with the test token and a
 * database of its own (see {@link TestDatabase}). Every class with this annotation and nothing
 * else shares one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@CamelSpringBootTest
@SpringBootTest(
        classes = SalesActivitySyncApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sas.api.token=" + ApiClient.TEST_TOKEN)
public @interface AppTest {
}
