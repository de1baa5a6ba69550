package io.salesactivitysync.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On PostgreSQL the task schedules are kept by Quartz's JDBC job store, clustered, in the product's
 * database: several instances share one schedule, and each run fires on one of them.
 */
@Tag("postgres")
class QuartzJobStorePostgresTest extends TaskSyncFlowTest {

    @Autowired
    private Scheduler scheduler;

    @Test
    void theSchedulesAreKeptInTheDatabaseAndClustered() throws SchedulerException {
        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(scheduler.getMetaData().isJobStoreSupportsPersistence()).isTrue();
        // sales-activity-sync in the application; each test context has a name of its own (TestDatabase)
        assertThat(scheduler.getSchedulerName()).startsWith("sales-activity-sync");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM qrtz_cron_triggers WHERE sched_name = :name")
                .param("name", scheduler.getSchedulerName())
                .query(Long.class).single()).as("the reconciliation and the sweep").isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM qrtz_scheduler_state").query(Long.class).single())
                .as("this instance checked in").isPositive();
    }
}
