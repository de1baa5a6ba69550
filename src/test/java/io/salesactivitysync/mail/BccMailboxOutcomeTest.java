package io.salesactivitysync.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.store.ActivityState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An email's outcome (its folder) from its activities' states. */
class BccMailboxOutcomeTest {

    @Test
    void anyPendingActivityKeepsTheEmailUnmarked() {
        assertThat(BccMailbox.outcome(List.of(1L, 2L), Map.of(1L, ActivityState.LOGGED, 2L, ActivityState.PENDING))).isNull();
        assertThat(BccMailbox.outcome(List.of(1L), Map.of())).as("not in the store").isNull();
    }

    @Test
    void loggedBeatsUnresolvedBeatsFailedBeatsRejected() {
        assertThat(BccMailbox.outcome(List.of(1L, 2L), Map.of(1L, ActivityState.UNRESOLVED, 2L, ActivityState.LOGGED)))
                .isEqualTo(BccMailbox.Outcome.LOGGED);
        assertThat(BccMailbox.outcome(List.of(1L, 2L), Map.of(1L, ActivityState.UNRESOLVED, 2L, ActivityState.FAILED)))
                .isEqualTo(BccMailbox.Outcome.UNRESOLVED);
        assertThat(BccMailbox.outcome(List.of(1L, 2L), Map.of(1L, ActivityState.REJECTED, 2L, ActivityState.FAILED)))
                .isEqualTo(BccMailbox.Outcome.FAILED);
        assertThat(BccMailbox.outcome(List.of(1L, 2L), Map.of(1L, ActivityState.REJECTED, 2L, ActivityState.NOT_LOGGED)))
                .isEqualTo(BccMailbox.Outcome.REJECTED);
    }
}
