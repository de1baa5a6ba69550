package io.salesactivitysync.activity;

import static io.salesactivitysync.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.salesactivitysync.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A backlog is logged batch after batch in one tick of the schedule, not one batch per
 * sas.activity.poll-interval: with batches of 2 and a tick every 30 s, seven activities are all
 * logged by the first tick after they came (four rounds), within seconds of each other.
 */
@TestPropertySource(properties = {"sas.activity.batch-size=2", "sas.activity.poll-interval=30000"})
class ActivityBacklogFlowTest extends ActivityFlowTest {

    @Autowired
    OrgFieldAccess fieldAccess;

    @Test
    void aBacklogOfSeveralBatchesIsLoggedInOneTick() {
        await("preflight done").atMost(Duration.ofSeconds(60)).until(fieldAccess::ready);
        List<Map<String, Object>> activities = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            activities.add(activity("email", RILEY, byEmail(ALICE_EMAIL)));
        }
        Response taken = api.post("/api/activities/batch", object("activities", activities));
        assertThat(taken.status()).as(taken.body()).isEqualTo(202);
        List<Long> ids = new ArrayList<>();
        taken.json().get("items").forEach(item -> ids.add(item.get("id").asLong()));

        // one tick (at most 30 s away) logs all seven; one batch per tick would take four ticks, 90 s and more
        List<OffsetDateTime> loggedAt = new ArrayList<>();
        for (long id : ids) {
            JsonNode activity = await("activity " + id + " logged").atMost(Duration.ofSeconds(50))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> api.get("/api/activities/" + id).json(), json -> "logged".equals(json.get("state").asText()));
            loggedAt.add(OffsetDateTime.parse(activity.get("loggedAt").asText()));
        }
        OffsetDateTime first = loggedAt.stream().min(OffsetDateTime::compareTo).orElseThrow();
        OffsetDateTime last = loggedAt.stream().max(OffsetDateTime::compareTo).orElseThrow();
        assertThat(Duration.between(first, last)).isLessThan(Duration.ofSeconds(25));
    }
}
