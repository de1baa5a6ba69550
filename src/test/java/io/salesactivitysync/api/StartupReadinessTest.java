package io.salesactivitysync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.salesactivitysync.ApiClient;
import io.salesactivitysync.SalesActivitySyncApplication;
import io.salesactivitysync.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tomcat listens before Camel has started the routes: in between, /api answers 503 with a JSON
 * error and Retry-After instead of a 404. The test holds Camel's start until it has seen that.
 */
class StartupReadinessTest {

    @Test
    void theApiAnswers503UntilTheRoutesAreUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> port = new CompletableFuture<>();
        CamelContextConfiguration holdCamel = new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
            }
        };
        CompletableFuture<ConfigurableApplicationContext> app = CompletableFuture.supplyAsync(() ->
                new SpringApplicationBuilder(SalesActivitySyncApplication.class)
                        .initializers(new TestDatabase(),
                                context -> context.getBeanFactory().registerSingleton("holdCamel", holdCamel))
                        .listeners(event -> {
                            if (event instanceof ServletWebServerInitializedEvent initialized) {
                                port.complete(initialized.getWebServer().getPort());
                            }
                        })
                        .run("--server.port=0", "--sas.api.token=" + ApiClient.TEST_TOKEN));
        try {
            ApiClient api = new ApiClient(port.get(60, TimeUnit.SECONDS));
            ApiClient.Response starting = api.get("/api/reps");
            assertThat(starting.status()).as(starting.body()).isEqualTo(503);
            assertThat(starting.header("Retry-After")).isEqualTo("5");
            assertThat(starting.header("Content-Type")).startsWith("application/json");
            assertThat(starting.json().get("message").asText()).contains("starting");

            release.countDown();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(api.get("/api/reps").status()).isEqualTo(200));
        } finally {
            release.countDown();
            app.get(60, TimeUnit.SECONDS).close();
        }
    }
}
