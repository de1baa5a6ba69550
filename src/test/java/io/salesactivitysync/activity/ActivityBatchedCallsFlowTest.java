package io.salesactivitysync.activity;

import java.util.Map;

/**
 * The product's call style (batched, the default), in the context every flow test shares: the
 * lookups in one composite call, the Tasks in one collection call, the record fields in another.
 */
class ActivityBatchedCallsFlowTest extends ActivityCallStyleFlowTest {

    @Override
    protected Map<String, Long> callsForThreeActivities() {
        return Map.of("composite", 1L, "collections", 2L);
    }
}
