package io.salesactivitysync.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.ApiClient;
import io.salesactivitysync.SalesActivitySyncApplication;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** sas.api.default-page-size is what a list without ?size= uses, and sas.api.max-body-size is the body limit. */
@CamelSpringBootTest
@SpringBootTest(
        classes = SalesActivitySyncApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sas.api.token=" + ApiClient.TEST_TOKEN, "sas.api.default-page-size=7", "sas.api.max-body-size=100B"})
class DefaultPageSizeTest {

    @LocalServerPort
    int port;

    @Test
    void aListWithoutSizeUsesTheConfiguredDefault() {
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/api/people").json().at("/page/size").asInt()).isEqualTo(7);
        assertThat(api.get("/api/reps").json().at("/page/size").asInt()).isEqualTo(7);
        assertThat(api.get("/api/reps?size=3").json().at("/page/size").asInt()).isEqualTo(3);
    }

    @Test
    void theBodyLimitIsTheConfiguredOne() {
        ApiClient api = new ApiClient(port);
        ApiClient.Response response = api.post("/api/people", "{\"name\":\"" + "x".repeat(100) + "\"}");
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("message").asText()).contains("larger than 100 bytes");
    }
}
