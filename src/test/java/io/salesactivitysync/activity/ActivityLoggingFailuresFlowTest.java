package io.salesactivitysync.activity;

import static io.salesactivitysync.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.sandbox.salesforce.admin.InjectedFault;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Failures lose nothing (rules 6 and 8 of the issue): a crash between the Task write and the
 * outcome, temporary Salesforce errors, a permanent one, and the pause past the org's API usage
 * threshold. Its own context: two steps of activity-logging are advised (they fail on demand), and
 * the claim lease, the backoff and the limits check are short so that "later" comes quickly.
 */
@UseAdviceWith
@DirtiesContext
@TestPropertySource(properties = {
        "sas.activity.claim-lease=3s",
        "sas.activity.retry-backoff=1s",
        "sas.activity.retry-backoff-max=2s",
        "sas.salesforce.limits-check-interval=1s"})
class ActivityLoggingFailuresFlowTest extends ActivityFlowTest {

    /** Armed, the next batch fails at recording its outcomes, after its Tasks were written. */
    private static final AtomicBoolean CRASH_AT_RECORD = new AtomicBoolean();
    /** Armed, the next Task write fails as Salesforce refuses a record it cannot take. */
    private static final AtomicBoolean REFUSE_TASKS = new AtomicBoolean();

    @Autowired
    OrgFieldAccess fieldAccess;

    @BeforeEach
    void adviseOnce() throws Exception {
        if (camelNotStarted()) {
            advise("activity-logging", route -> {
                route.weaveById("record-outcomes").before().process(exchange -> {
                    if (CRASH_AT_RECORD.getAndSet(false)) {
                        throw new IllegalStateException("simulated crash after the Task write");
                    }
                });
                route.weaveById("upsert-tasks").before().process(exchange -> {
                    if (REFUSE_TASKS.getAndSet(false)) {
                        throw new SalesforceException(List.of(new RestError("REQUIRED_FIELD_MISSING",
                                "Required fields are missing: [Subject]", List.of("Subject"))), 400);
                    }
                });
            });
            startCamel();
        }
        // nothing else may meet the injected faults: the start-up preflight and connection checks first
        await("preflight and connection checks done").atMost(Duration.ofSeconds(60)).until(() -> fieldAccess.ready()
                && jdbc.sql("SELECT COUNT(*) FROM reps WHERE connection_checked_at IS NULL").query(Long.class).single() == 0);
    }

    @AfterEach
    void healSalesforce() {
        CRASH_AT_RECORD.set(false);
        REFUSE_TASKS.set(false);
        salesforce.admin().clearFaults();
        salesforce.admin().usage().setUsed(0);
    }

    @Test
    void aFailureAfterTheTaskWriteLeavesOneTaskOnceTheActivityIsTakenAgain() {
        CRASH_AT_RECORD.set(true);

        JsonNode logged = log(activity("email", RILEY, bySalesforceId(BOB_CONTACT)));

        assertState(logged, "logged");
        assertThat(CRASH_AT_RECORD).isFalse();
        assertThat(logged.get("attempts").asInt()).as("taken a second time").isEqualTo(1);
        assertThat(tasksWithKeyOf(logged)).hasSize(1);
        assertThat(tasks(logged)).hasSize(1);
    }

    @Test
    void aCrashThatRecordsNothingLeavesOneTaskOnceTheLeaseHasPassed() {
        // the database refuses the outcome, and the failure step's record too: as if the process had died
        NotifyBuilder crashed = whenRoute("activity-logging").whenFailed(1).create();
        database.failStatementsContaining("UPDATE activities SET state");
        long id = take(activity("email", RILEY, bySalesforceId(BOB_CONTACT))).get("id").asLong();
        assertThat(crashed.matches(60, TimeUnit.SECONDS)).isTrue();
        database.reset();
        JsonNode claimed = api.get("/api/activities/" + id).json();
        assertState(claimed, "pending");
        assertThat(tasksWithKeyOf(claimed)).as("written before the crash").hasSize(1);

        JsonNode logged = settled(id);

        assertState(logged, "logged");
        assertThat(tasksWithKeyOf(logged)).hasSize(1);
        assertThat(texts(logged.get("salesforceTaskIds"))).containsExactly(tasksWithKeyOf(logged).get(0).get("Id").asText());
    }

    @Test
    void temporarySalesforceErrorsAreRedeliveredAndTheActivityIsLogged() {
        for (InjectedFault fault : InjectedFault.values()) {
            // two failures: the route's own redeliveries get through
            salesforce.admin().failNext(2, fault);
            JsonNode quick = log(activity("email", RILEY, bySalesforceId(BOB_CONTACT)));
            assertState(quick, "logged");
            assertThat(quick.get("attempts").asInt()).as(fault.name()).isZero();
            assertThat(tasksWithKeyOf(quick)).as(fault.name()).hasSize(1);
            awaitNotPaused();
        }
    }

    @Test
    void aTemporaryErrorOutlastingTheRedeliveriesIsTriedAgainLaterNeverLoggedWithoutItsTask() {
        // more than the redeliveries: the activity waits (backoff) and is tried again
        salesforce.admin().failNext(4, InjectedFault.SERVER_UNAVAILABLE);

        JsonNode patient = log(activity("email", RILEY, bySalesforceId(BOB_CONTACT)));

        assertState(patient, "logged");
        assertThat(patient.get("attempts").asInt()).isEqualTo(1);
        assertThat(tasksWithKeyOf(patient)).hasSize(1);
        assertThat(tasks(patient)).hasSize(1);
    }

    @Test
    void aPermanentErrorIsStoredWithSalesforcesCodeAndClassAndARetryLogsIt() {
        REFUSE_TASKS.set(true);

        JsonNode failed = log(activity("email", RILEY, bySalesforceId(BOB_CONTACT)));

        assertState(failed, "failed");
        assertThat(failed.at("/error/code").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(failed.at("/error/errorClass").asText()).isEqualTo("data");
        assertThat(failed.get("reason").asText()).contains("Required fields are missing: [Subject]")
                .contains("a data problem");
        assertThat(tasksWithKeyOf(failed)).isEmpty();
        // the summary counts it under its reason among the failed
        Response summary = api.get("/api/activities/summary?rep=" + failed.get("repId").asLong() + "&since="
                + java.net.URLEncoder.encode(failed.get("createdAt").asText(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(summary.status()).as(summary.body()).isEqualTo(200);
        assertThat(summary.json().at("/byState/failed").asLong()).isPositive();
        assertThat(summary.json().at("/reasons/failed/groups")).anySatisfy(group -> {
            assertThat(group.get("reason").asText()).isEqualTo(failed.get("reason").asText());
            assertThat(group.get("count").asLong()).isPositive();
        });

        Response retried = api.post("/api/activities/" + failed.get("id").asLong() + "/retry", "");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("state").asText()).isEqualTo("pending");
        assertThat(retried.json().get("error").isNull()).isTrue();

        JsonNode logged = settled(failed.get("id").asLong());
        assertState(logged, "logged");
        assertThat(tasksWithKeyOf(logged)).hasSize(1);
    }

    @Test
    void pastTheApiUsageThresholdLoggingPausesAndResumesByItself() {
        // Salesforce reports the usage on every answer: the first call after this sees 14001 of 15000
        salesforce.admin().usage().setUsed(14_000);
        assertState(log(activity("email", RILEY, bySalesforceId(BOB_CONTACT))), "logged");
        await().atMost(Duration.ofSeconds(10)).until(() -> "PAUSED".equals(health().at("/components/salesforceApi/status").asText()));

        JsonNode waiting = take(activity("email", RILEY, bySalesforceId(ALICE_CONTACT)));
        JsonNode health = health();
        assertThat(health.at("/components/salesforceApi/details/reason").asText()).contains("of its 15000 daily API requests");
        salesforce.admin().calls().reset();
        // a few polls of the flow: nothing is claimed, nothing is called but the usage check (/limits)
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/activities/" + waiting.get("id").asLong()).json().get("state").asText().equals("pending"));
        Map<String, Long> calls = new HashMap<>(salesforce.admin().calls().snapshot());
        assertThat(calls.remove("limits")).as("usage checks every second").isPositive();
        calls.remove("oauth");
        assertThat(calls).isEmpty();

        salesforce.admin().usage().setUsed(0);

        JsonNode logged = settled(waiting.get("id").asLong());
        assertState(logged, "logged");
        assertThat(health().at("/components/salesforceApi/status").asText()).isEqualTo("UP");
    }

    private JsonNode health() {
        Response response = api.get("/actuator/health");
        return response.json();
    }

    private void awaitNotPaused() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !"PAUSED".equals(health().at("/components/salesforceApi/status").asText()));
    }
}
