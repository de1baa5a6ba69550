package io.salesactivitysync.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The activity meters (rule 11 of the issue), read from the application's MeterRegistry: what
 * /actuator/metrics serves once it is exposed.
 */
class ActivityMetricsFlowTest extends ActivityFlowTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void loggingAnActivityMovesTheActivityAndSalesforceMeters() {
        double recordedBefore = counter("sas.activities.recorded", "source", "api", "state", "logged");
        double unresolvedBefore = counter("sas.activities.recorded", "source", "api", "state", "unresolved");
        long timedBefore = timerCount();
        double compositeBefore = counter("sas.salesforce.api.calls", "operation", "composite", "outcome", "success");
        double collectionsBefore = counter("sas.salesforce.api.calls", "operation", "compositeUpsertSObjectCollections",
                "outcome", "success");

        JsonNode logged = log(activity("email", RILEY, bySalesforceId(BOB_CONTACT)));
        JsonNode unresolved = log(activity("email", RILEY, byEmail(io.salesactivitysync.ApiClient.uniqueEmail("nobody"))));
        assertState(logged, "logged");
        assertState(unresolved, "unresolved");

        assertThat(counter("sas.activities.recorded", "source", "api", "state", "logged")).isEqualTo(recordedBefore + 1);
        assertThat(counter("sas.activities.recorded", "source", "api", "state", "unresolved")).isEqualTo(unresolvedBefore + 1);
        assertThat(timerCount()).isEqualTo(timedBefore + 1);
        assertThat(counter("sas.salesforce.api.calls", "operation", "composite", "outcome", "success"))
                .isGreaterThanOrEqualTo(compositeBefore + 2);
        assertThat(counter("sas.salesforce.api.calls", "operation", "compositeUpsertSObjectCollections", "outcome", "success"))
                .isGreaterThanOrEqualTo(collectionsBefore + 1);
    }

    @Test
    void theActivitiesGaugeCountsWhatIsInTheStoreBySourceAndState() {
        assertState(log(activity("email", RILEY, bySalesforceId(BOB_CONTACT))), "logged");

        // the gauge reads the store at most every few seconds
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String state : new String[] {"pending", "logged", "not_logged", "unresolved", "rejected", "failed"}) {
                Gauge gauge = meters.find("sas.activities").tag("source", "api").tag("state", state).gauge();
                assertThat(gauge).as(state).isNotNull();
                assertThat(gauge.value()).as(state).isEqualTo((double) jdbc.sql(
                        "SELECT COUNT(*) FROM activities WHERE source = 'api' AND state = :state")
                        .param("state", state).query(Long.class).single());
            }
        });
        assertThat(meters.find("sas.activities").tag("source", "bcc").tag("state", "logged").gauge()).isNotNull();
    }

    @Test
    void theApiUsageSalesforceReportsIsSeen() {
        assertState(log(activity("email", RILEY, bySalesforceId(BOB_CONTACT))), "logged");

        Gauge used = meters.find("sas.salesforce.api.usage").gauge();
        Gauge limit = meters.find("sas.salesforce.api.limit").gauge();
        assertThat(used.value()).isEqualTo(salesforce.admin().usage().used(), org.assertj.core.data.Offset.offset(5.0));
        assertThat(limit.value()).isEqualTo(15_000);
    }

    private double counter(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private long timerCount() {
        Timer timer = meters.find("sas.activities.logging.time").tag("source", "api").timer();
        return timer == null ? 0 : timer.count();
    }
}
