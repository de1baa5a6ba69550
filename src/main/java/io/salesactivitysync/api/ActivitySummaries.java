package io.salesactivitysync.api;

import io.salesactivitysync.store.ActivityFilter;
import io.salesactivitysync.store.ActivityState;
import io.salesactivitysync.store.ActivityStore;
import io.salesactivitysync.store.ActivitySummary;
import java.util.List;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/activities/summary}: the counts a sync health page starts from ("errors grouped by
 * type with counts"), computed by the database rather than by a client reading pages of activities.
 */
@Component
public class ActivitySummaries {

    /** The states whose activities need someone to act, grouped by reason. */
    static final List<ActivityState> GROUPED = List.of(ActivityState.UNRESOLVED, ActivityState.FAILED);
    /** The most reasons listed for a state: the rest are counted in totalGroups. */
    static final int MAX_REASONS = 50;

    private final ActivityStore store;

    public ActivitySummaries(ActivityStore store) {
        this.store = store;
    }

    /** The summary of the activities the list's filters select; ?state= is ignored: every state is counted. */
    public ActivitySummary summarize(@Header("filter") ActivityFilter filter) {
        return store.summary(filter, GROUPED, MAX_REASONS);
    }
}
