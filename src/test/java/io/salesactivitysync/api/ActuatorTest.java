package io.salesactivitysync.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.AppTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What /actuator shows: health with its components, the Camel routes, and nothing else. */
@AppTest
class ActuatorTest {

    @LocalServerPort
    int port;

    @Test
    void healthIsUpWithTheDatabaseAndCamel() {
        Response health = new ApiClient(port).send(new ApiClient(port).unauthenticated("/actuator/health").GET());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/db/details/database").asText()).isNotBlank();
        assertThat(health.json().at("/components/camelHealth/status").asText()).isEqualTo("UP");
        // no BCC mailbox is configured outside the sandbox, so no mailbox component
        assertThat(health.json().get("components").has("bccMailbox")).isFalse();
    }

    @Test
    void camelRoutesShowEachApiRouteStarted() {
        ApiClient client = new ApiClient(port);
        Response routes = client.send(client.unauthenticated("/actuator/camelroutes").GET());
        assertThat(routes.status()).isEqualTo(200);
        assertThat(routes.json()).extracting(route -> route.get("id").asText())
                .contains("api-list-reps", "api-create-rep", "api-update-org-settings", "rest-api-openapi");
        assertThat(routes.json()).allSatisfy(route -> assertThat(route.get("status").asText()).isEqualTo("Started"));

        JsonNode info = client.send(client.unauthenticated("/actuator/camelroutes/api-list-reps/info").GET()).json();
        assertThat(info.get("id").asText()).isEqualTo("api-list-reps");
        assertThat(info.get("status").asText()).isEqualTo("Started");
    }

    @Test
    void onlyHealthAndRoutesAreExposed() {
        ApiClient client = new ApiClient(port);
        for (String path : List.of("/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump")) {
            assertThat(client.send(client.unauthenticated(path).GET()).status()).as(path).isEqualTo(404);
        }
        // read-only: a route cannot be stopped through actuator
        client.send(client.unauthenticated("/actuator/camelroutes/api-list-reps/stop")
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        JsonNode routes = client.send(client.unauthenticated("/actuator/camelroutes").GET()).json();
        assertThat(routes).filteredOn(route -> route.get("id").asText().equals("api-list-reps"))
                .singleElement().satisfies(route -> assertThat(route.get("status").asText()).isEqualTo("Started"));
    }
}
