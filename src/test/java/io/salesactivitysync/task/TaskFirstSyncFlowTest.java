package io.salesactivitysync.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The first sync (seed 003): it imports the rep's Salesforce Tasks created or updated in the last
 * 24 hours, and does not push the tasks the product had before sync was turned on. The product's
 * clock runs 25 hours ahead of the org's here, so that a Task the org stamps now is 25 hours old
 * for the product, and one stamped after the org's clock moved 2 hours is 23 hours old.
 */
@Import(TaskFirstSyncFlowTest.ProductClockAhead.class)
class TaskFirstSyncFlowTest extends TaskSyncFlowTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class ProductClockAhead {
        @Bean
        @Primary
        Clock productClockAhead() {
            return Clock.offset(Clock.systemUTC(), Duration.ofHours(25));
        }
    }

    @Test
    void importsTasksChangedWithin24HoursAndPushesNoOlderProductTask() {
        TestRep rep = newRep("First", "America/New_York");
        long older = createTask(rep).get("id").asLong();
        String tooOld = createInSalesforce(rep, "Description", "changed 25 hours ago");
        salesforce.admin().advanceClock(Duration.ofHours(2));
        String recent = createInSalesforce(rep, "Description", "changed 23 hours ago");
        String otherStatus = createInSalesforce(rep, "Status", "In Progress", "Priority", "Low");

        overrideSettings(rep, "taskSyncMode", "sync");
        JsonNode firstSync = await().atMost(QUICK).until(() -> firstSync(rep), s -> "done".equals(s.path("state").asText()));
        assertThat(firstSync.get("imported").asInt()).isEqualTo(2);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM tasks WHERE salesforce_task_id = :id").param("id", tooOld)
                .query(Long.class).single()).as("changed 25 hours ago").isZero();
        long imported = productTaskOf(recent);
        assertThat(task(imported).get("details").asText()).isEqualTo("changed 23 hours ago");
        JsonNode filtered = task(productTaskOf(otherStatus));
        assertThat(filtered.get("status").asText()).isEqualTo("open");
        assertThat(filtered.get("priority").asText()).isEqualTo("normal");

        JsonNode old = task(older);
        assertThat(old.get("synced").asBoolean()).isFalse();
        assertThat(old.get("syncState").asText()).isEqualTo("not_synced");
        assertThat(api.post("/api/tasks/" + older + "/complete", "").status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM task_outbox WHERE task_id = :id").param("id", older)
                .query(Long.class).single()).as("an older task is never pushed").isZero();

        long newer = createTask(rep).get("id").asLong();
        assertThat(synced(newer).get("salesforceTaskId").isTextual()).isTrue();
    }
}
