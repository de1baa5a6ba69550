package io.salesactivitysync.activity;

import java.util.Map;
import org.springframework.test.context.TestPropertySource;

/**
 * The benchmark's naive baseline (sas.activity.call-style: one-per-record) over real HTTP to the
 * emulator: the same outcomes as batched, one call per query and per record.
 */
@TestPropertySource(properties = "sas.activity.call-style=one-per-record")
class ActivityOneCallPerRecordFlowTest extends ActivityCallStyleFlowTest {

    /**
     * Four queries (the rep's User, the Contacts, the Leads, the opportunity roles), a Task upsert
     * each, and an update for each record the activities touch: the Contact, its Account, the
     * Opportunity, the Lead.
     */
    @Override
    protected Map<String, Long> callsForThreeActivities() {
        return Map.of("query", 4L, "upsert", 3L, "update", 4L);
    }
}
