package io.salesactivitysync.sandbox.salesforce.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelEventLogTest {

    private static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");
    private final ChannelEventLog log = new ChannelEventLog(Duration.ofHours(72));

    @Test
    void replaysNothingForNewEventsOnlyEverythingForMinusTwoAndWhatFollowsAnId() {
        append(3, T0);
        append(7, T0.plusSeconds(1));
        append(8, T0.plusSeconds(2));

        assertThat(ids(log.eventsAfter(ChannelEventLog.NEW_EVENTS, T0.plusSeconds(3)))).isEmpty();
        assertThat(ids(log.eventsAfter(ChannelEventLog.ALL_RETAINED_EVENTS, T0.plusSeconds(3)))).containsExactly(3L, 7L, 8L);
        assertThat(ids(log.eventsAfter(3, T0.plusSeconds(3)))).containsExactly(7L, 8L);
        assertThat(ids(log.eventsAfter(5, T0.plusSeconds(3)))).containsExactly(7L, 8L);
        assertThat(ids(log.eventsAfter(8, T0.plusSeconds(3)))).isEmpty();
    }

    @Test
    void acceptsMinusOneMinusTwoAndIdsItCouldHaveIssuedButNotOnesFromTheFuture() {
        assertThat(log.canReplayFrom(-1, T0)).isTrue();
        assertThat(log.canReplayFrom(-2, T0)).isTrue();
        assertThat(log.canReplayFrom(0, T0)).as("nothing issued yet").isFalse();
        assertThat(log.canReplayFrom(1, T0)).as("nothing issued yet").isFalse();

        append(3, T0);
        append(7, T0);

        assertThat(log.canReplayFrom(3, T0)).isTrue();
        assertThat(log.canReplayFrom(5, T0)).as("ids are sparse; nothing after 5 is lost").isTrue();
        assertThat(log.canReplayFrom(7, T0)).isTrue();
        assertThat(log.canReplayFrom(8, T0)).as("greater than the last id").isFalse();
        assertThat(log.canReplayFrom(-3, T0)).isFalse();
    }

    @Test
    void forgetsEventsOlderThanTheRetentionAndRefusesToResumeFromThem() {
        append(1, T0);
        append(2, T0.plus(Duration.ofHours(1)));
        append(3, T0.plus(Duration.ofHours(2)));

        Instant later = T0.plus(Duration.ofHours(72)).plus(Duration.ofMinutes(30));

        assertThat(ids(log.eventsAfter(ChannelEventLog.ALL_RETAINED_EVENTS, later))).containsExactly(2L, 3L);
        assertThat(log.canReplayFrom(1, later)).as("event 1 expired").isFalse();
        assertThat(log.canReplayFrom(2, later)).isTrue();
        assertThat(log.canReplayFrom(ChannelEventLog.ALL_RETAINED_EVENTS, later)).isTrue();

        Instant muchLater = T0.plus(Duration.ofHours(80));
        assertThat(log.eventsAfter(ChannelEventLog.ALL_RETAINED_EVENTS, muchLater)).isEmpty();
        assertThat(log.canReplayFrom(3, muchLater)).isFalse();
        assertThat(log.lastReplayId()).isEqualTo(3);
    }

    @Test
    void anEventExactlyAsOldAsTheRetentionIsGone() {
        append(1, T0);

        assertThat(log.eventsAfter(-2, T0.plus(Duration.ofHours(72)).minusMillis(1))).hasSize(1);
        assertThat(log.eventsAfter(-2, T0.plus(Duration.ofHours(72)))).isEmpty();
    }

    private void append(long replayId, Instant at) {
        log.append(new StoredEvent(replayId, at, Map.of("event", Map.of("replayId", replayId))));
    }

    private static List<Long> ids(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::replayId).toList();
    }
}
