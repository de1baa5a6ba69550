package io.salesactivitysync.actuator;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.ApiClient;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.SalesActivitySyncApplication;
import io.salesactivitysync.TestDatabase;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** With {@code management.server.port}, actuator on its own port still knows the token holder. */
class ActuatorOnItsOwnPortTest {

    @Test
    void theTokenHolderSeesDetailsAndAWrongTokenIsRefused() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SalesActivitySyncApplication.class)
                .initializers(new TestDatabase())
                .run("--server.port=0", "--management.server.port=0", "--sas.api.token=" + ApiClient.TEST_TOKEN)) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.management.port"));
            assertThat(port).isNotEqualTo(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
            ApiClient client = new ApiClient(port);

            Response anonymous = client.send(client.unauthenticated("/actuator/health").GET());
            assertThat(anonymous.status()).isEqualTo(200);
            assertThat(anonymous.json().has("components")).isFalse();

            Response holder = client.get("/actuator/health");
            assertThat(holder.json().at("/components/db/details/database").asText()).as(holder.body()).isNotBlank();

            Response wrong = client.send(client.unauthenticated("/actuator/health").header("Authorization", "Bearer wrong").GET());
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.json().get("error").asText()).isEqualTo("Unauthorized");

            Response hidden = client.send(client.unauthenticated("/actuator/health/db").GET());
            assertThat(hidden.status()).isEqualTo(404);
            assertThat(hidden.json().get("status").asInt()).isEqualTo(404);

            Response stop = client.send(client.request("/actuator/camelroutes/api-list-reps/stop")
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(stop.status()).isEqualTo(405);
            assertThat(stop.header("Allow")).isEqualTo("GET");
            assertThat(stop.json().get("status").asInt()).isEqualTo(405);
        }
    }
}
