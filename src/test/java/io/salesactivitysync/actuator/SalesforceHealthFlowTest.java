package io.salesactivitysync.actuator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.FlowTest;
import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code salesforceApi} in {@code /actuator/health} names the org and the integration user the
 * product is logged in as, and the instance it calls, next to the API usage (the token holder's view).
 */
class SalesforceHealthFlowTest extends FlowTest {

    @Test
    void healthNamesTheOrgAndTheIntegrationUserOnceLoggedIn() {
        // the preflight logs in at start
        JsonNode details = await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/actuator/health").json().at("/components/salesforceApi/details"),
                found -> found.has("integrationUserId"));
        assertThat(details.get("orgId").asText()).isEqualTo(EmulatorSettings.ORG_ID);
        assertThat(details.get("integrationUserId").asText()).isEqualTo("005000000000001AAA");
        assertThat(details.get("instanceUrl").asText()).isEqualTo(salesforce.baseUrl());
        assertThat(details.get("apiRequestsAllowed").asLong()).isPositive();

        JsonNode anonymous = api.send(api.unauthenticated("/actuator/health").GET()).json();
        assertThat(anonymous.has("components")).isFalse();
    }
}
