package io.salesactivitysync.actuator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.AppTest;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What /actuator shows, and to whom: health with its components and details to the API token's
 * holder, the status alone to anyone else; the Camel routes read-only; nothing else.
 */
@AppTest
@ExtendWith(OutputCaptureExtension.class)
class ActuatorTest {

    @LocalServerPort
    int port;

    @Test
    void theTokenHolderSeesEachComponentWithItsDetails() {
        Response health = new ApiClient(port).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/db/details/database").asText()).isNotBlank();
        assertThat(health.json().at("/components/camelHealth/status").asText()).isEqualTo("UP");
        // no BCC mailbox is configured outside the sandbox, so no mailbox component
        assertThat(health.json().get("components").has("bccMailbox")).isFalse();

        Response db = new ApiClient(port).get("/actuator/health/db");
        assertThat(db.status()).isEqualTo(200);
        assertThat(db.json().at("/details/database").asText()).isNotBlank();
    }

    @Test
    void anAnonymousCallerSeesTheStatusAlone() {
        ApiClient client = new ApiClient(port);
        Response health = client.send(client.unauthenticated("/actuator/health").GET());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().has("components")).as(health.body()).isFalse();
        assertThat(health.body()).doesNotContain("H2", "details");

        Response component = client.send(client.unauthenticated("/actuator/health/db").GET());
        assertError(component, 404, "Not Found");
        assertThat(component.json().get("message").asText()).isEqualTo("No resource at GET /actuator/health/db; "
                + "health components are shown only to callers that send Authorization: Bearer <sas.api.token>");
    }

    @Test
    void metricsAnswerOnlyTheTokenHolder() {
        ApiClient client = new ApiClient(port);
        for (String path : List.of("/actuator/metrics", "/actuator/metrics/sas.activities")) {
            Response anonymous = client.send(client.unauthenticated(path).GET());
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(anonymous.json().get("message").asText()).contains("Metrics need a bearer token");
        }
        Response names = client.get("/actuator/metrics");
        assertThat(names.status()).isEqualTo(200);
        assertThat(names.json().get("names")).extracting(JsonNode::asText)
                .contains("sas.activities", "sas.salesforce.api.usage", "sas.salesforce.api.paused");
        Response activities = client.get("/actuator/metrics/sas.activities?tag=state:pending&tag=source:api");
        assertThat(activities.status()).as(activities.body()).isEqualTo(200);
        assertThat(activities.json().at("/measurements/0/statistic").asText()).isEqualTo("VALUE");
    }

    @Test
    void theProbesStayAnonymous() {
        ApiClient client = new ApiClient(port);
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            Response response = client.send(client.unauthenticated(probe).GET());
            assertThat(response.status()).as(probe).isEqualTo(200);
            assertThat(response.json().get("status").asText()).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void aWrongTokenIsRefusedNotTreatedAsNone(CapturedOutput output) {
        ApiClient client = new ApiClient(port);
        for (String authorization : List.of("Bearer wrong-guess", "Basic dXNlcjpwYXNz", "Bearer")) {
            for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/camelroutes")) {
                Response response = client.send(client.unauthenticated(path).header("Authorization", authorization).GET());
                assertError(response, 401, "Unauthorized");
                assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"sales-activity-sync\", error=\"invalid_token\"");
            }
        }
        assertThat(output.getOut()).doesNotContain("wrong-guess", ApiClient.TEST_TOKEN);
    }

    @Test
    void anUnknownHealthPathIsAJson404() {
        assertError(new ApiClient(port).get("/actuator/health/nothing"), 404, "Not Found");
    }

    @Test
    void camelRoutesShowEachApiRouteStarted() {
        ApiClient client = new ApiClient(port);
        Response routes = client.send(client.unauthenticated("/actuator/camelroutes").GET());
        assertThat(routes.status()).isEqualTo(200);
        assertThat(routes.json()).extracting(route -> route.get("id").asText())
                .contains("api-list-reps", "api-create-rep", "api-update-org-settings", "rest-api-openapi");
        // the flows that call Salesforce (their error handling is salesforce-errors, and the task sync's
        // routes) run only with sas.salesforce.enabled (off here); every other route runs
        assertThat(routes.json()).allSatisfy(route -> assertThat(route.get("status").asText()).isEqualTo(
                "salesforce-errors".equals(route.at("/properties/configurationId").asText())
                        || route.get("id").asText().startsWith("task-") ? "Stopped" : "Started"));

        JsonNode info = client.send(client.unauthenticated("/actuator/camelroutes/api-list-reps/info").GET()).json();
        assertThat(info.get("id").asText()).isEqualTo("api-list-reps");
        assertThat(info.get("status").asText()).isEqualTo("Started");
    }

    @Test
    void anUnknownRouteIsAJson404(CapturedOutput output) {
        ApiClient client = new ApiClient(port);
        for (String action : List.of("info", "detail")) {
            Response response = client.send(client.unauthenticated("/actuator/camelroutes/no-such-route/" + action).GET());
            assertError(response, 404, "Not Found");
            assertThat(response.json().get("message").asText())
                    .isEqualTo("No route with id no-such-route; GET /actuator/camelroutes lists the routes");
        }
        assertThat(output.getOut()).doesNotContain("NoSuchElementException", "\tat ");
    }

    @Test
    void camelRoutesAreReadOnly(CapturedOutput output) {
        ApiClient client = new ApiClient(port);
        for (String action : List.of("stop", "start", "suspend", "resume", "reset")) {
            String path = "/actuator/camelroutes/api-list-reps/" + action;
            for (HttpRequest.Builder request : List.of(
                    client.unauthenticated(path).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"timeout\":1}")),
                    client.unauthenticated(path).POST(HttpRequest.BodyPublishers.noBody()),
                    client.request(path).POST(HttpRequest.BodyPublishers.noBody()))) {
                Response response = client.send(request);
                assertError(response, 405, "Method Not Allowed");
                assertThat(response.header("Allow")).as(path).isEqualTo("GET");
                assertThat(response.json().get("message").asText()).isEqualTo("Method POST is not supported for " + path + "; use GET");
            }
        }
        assertThat(output.getOut()).doesNotContain("Read only", "IllegalArgumentException", "\tat ");

        JsonNode routes = client.send(client.unauthenticated("/actuator/camelroutes").GET()).json();
        assertThat(routes).filteredOn(route -> route.get("id").asText().equals("api-list-reps"))
                .singleElement().satisfies(route -> assertThat(route.get("status").asText()).isEqualTo("Started"));
    }

    @Test
    void onlyHealthAndRoutesAreExposed() {
        ApiClient client = new ApiClient(port);
        for (String path : List.of("/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
                "/actuator/camelroutecontroller")) {
            assertError(client.get(path), 404, "Not Found");
        }
    }

    private static void assertError(Response response, int status, String error) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("error").asText()).isEqualTo(error);
        assertThat(response.json().get("message").asText()).isNotBlank();
        assertThat(response.json().get("errors").isArray()).isTrue();
    }
}
