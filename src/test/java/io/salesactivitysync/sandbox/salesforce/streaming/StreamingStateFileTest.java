package io.salesactivitysync.sandbox.salesforce.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingStateFileTest {

    private static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");

    @TempDir
    Path directory;

    @Test
    void sitsBesideTheOrgFile() {
        assertThat(StreamingStateFile.besideOrgStateFile(Path.of("data/salesforce-emulator.json")).path())
                .isEqualTo(Path.of("data/salesforce-emulator.streaming.json"));
        assertThat(StreamingStateFile.besideOrgStateFile(Path.of("state")).path()).isEqualTo(Path.of("state.streaming.json"));
    }

    @Test
    void givesBackWhatItSavedWhenTheOrgIsAtTheSameCommit() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("Subject", "Call");
        payload.put("Description", null);
        payload.put("Amount", 12.5);
        payload.put("IsHighPriority", true);
        payload.put("ChangeEventHeader", Map.of("recordIds", List.of("00T000000000001AAA"), "commitTimestamp", 1736935200000L));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("payload", payload);
        data.put("event", Map.of("replayId", 7L));
        StreamingSnapshot snapshot = new StreamingSnapshot(4, 7, 0, List.of(
                new StreamingSnapshot.ChannelSnapshot("/data/TaskChangeEvent", 7, 5, List.of(new StoredEvent(7, T0, data))),
                new StreamingSnapshot.ChannelSnapshot("/topic/AllTasks", 3, 3, List.of())));
        StreamingStateFile file = new StreamingStateFile(directory.resolve("org.streaming.json"));

        file.save(snapshot);
        StreamingSnapshot loaded = file.load(4);

        assertThat(loaded.commitNumber()).isEqualTo(4);
        assertThat(loaded.changeEventReplayId()).isEqualTo(7);
        assertThat(loaded.channels()).extracting(StreamingSnapshot.ChannelSnapshot::channel,
                StreamingSnapshot.ChannelSnapshot::lastReplayId, StreamingSnapshot.ChannelSnapshot::expiredThrough)
                .containsExactly(tuple("/data/TaskChangeEvent", 7L, 5L),
                        tuple("/topic/AllTasks", 3L, 3L));
        StoredEvent event = loaded.channels().get(0).events().get(0);
        assertThat(event.storedAt()).isEqualTo(T0);
        assertThat(event.data().toString()).as("the same data, in the same order").isEqualTo(data.toString());
    }

    @Test
    void keepsOnlyTheCountersWhenTheOrgHasCommitsTheEventsMiss() {
        StreamingSnapshot saved = new StreamingSnapshot(4, 7, 0, List.of(
                new StreamingSnapshot.ChannelSnapshot("/topic/AllTasks", 90_000, 0, List.of(new StoredEvent(90_000, T0, Map.of())))));

        assertThat(saved.reconciledWith(4)).isSameAs(saved);
        StreamingSnapshot behind = saved.reconciledWith(5);
        assertThat(behind.channels()).isEmpty();
        assertThat(behind.commitNumber()).isEqualTo(5);
        assertThat(behind.replayIdFloor()).as("the highest id saved, being above 5 commits' worth").isEqualTo(90_000);
        assertThat(saved.reconciledWith(40).replayIdFloor()).as("40 commits of up to 5,000 events").isEqualTo(200_000);
        assertThat(saved.reconciledWith(0).replayIdFloor()).as("a new org: ids still never go back").isEqualTo(90_000);
        assertThat(StreamingSnapshot.nothingSavedAt(3).replayIdFloor()).isEqualTo(15_000);
        assertThat(StreamingSnapshot.nothingSavedAt(0)).isEqualTo(StreamingSnapshot.empty());
    }

    @Test
    void refusesAFileWhoseIdsDoNotFitTogether() throws IOException {
        Path path = directory.resolve("org.streaming.json");
        StreamingStateFile file = new StreamingStateFile(path);
        file.save(new StreamingSnapshot(1, 2, 0, List.of(new StreamingSnapshot.ChannelSnapshot("/data/TaskChangeEvent", 2, 0,
                List.of(new StoredEvent(1, T0, Map.of()), new StoredEvent(2, T0, Map.of()))))));
        String saved = Files.readString(path);

        for (String tampered : Arrays.asList(
                saved.replace("\"changeEventReplayId\" : 2", "\"changeEventReplayId\" : 1"),
                saved.replace("\"replayId\" : 2", "\"replayId\" : 1"),
                saved.replace("\"commitNumber\" : 1", "\"commitNumber\" : \"one\""),
                saved.replace("\"formatVersion\" : 1", "\"formatVersion\" : 9"),
                saved + "}")) {
            Files.writeString(path, tampered);
            assertThatThrownBy(() -> file.load(1)).as(tampered).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is damaged");
        }
    }
}
