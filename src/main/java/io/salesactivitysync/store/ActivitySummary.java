package io.salesactivitysync.store;

import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/activities/summary} answers: the activities a filter selects, counted.
 *
 * @param total    how many
 * @param byState  how many in each state (every state, 0 included)
 * @param bySource how many came each way (api, bcc)
 * @param reasons  for the states grouped by reason (unresolved, failed): the largest groups
 */
public record ActivitySummary(long total, Map<String, Long> byState, Map<String, Long> bySource,
        Map<String, Reasons> reasons) {

    /**
     * A state's reasons, largest first.
     *
     * @param groups       at most the summary's limit (50), each a reason (null when none was recorded) and its count
     * @param totalGroups  how many different reasons there are, those left out included
     */
    public record Reasons(List<ReasonCount> groups, long totalGroups) {
    }

    /** One reason and how many activities in the state have it. */
    public record ReasonCount(String reason, long count) {
    }
}
