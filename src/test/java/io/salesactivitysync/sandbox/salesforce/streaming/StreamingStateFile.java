package io.salesactivitysync.sandbox.salesforce.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the streaming side's {@link StreamingSnapshot} in a JSON file beside the org's state file
 * ({@code salesforce-emulator.json} gets {@code salesforce-emulator.streaming.json}). Each save
 * writes a temporary file, flushes it to disk and renames it over the target, so a crash leaves
 * the previous or the new state, never a mix.
 *
 * <p>A file that cannot be read as a state this class wrote stops the emulator from starting,
 * with the reason and what to do: replaying from a guessed state could hand a client events it
 * already had or skip some, which is worse than not starting.
 */
public final class StreamingStateFile {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingStateFile.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final TypeReference<Map<String, Object>> EVENT_DATA = new TypeReference<>() { };
    private static final int FORMAT_VERSION = 1;

    private final Path file;

    public StreamingStateFile(Path file) {
        this.file = file;
    }

    /** The streaming file that goes with an org state file: {@code x.json} gives {@code x.streaming.json}. */
    public static StreamingStateFile besideOrgStateFile(Path orgStateFile) {
        String name = orgStateFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return new StreamingStateFile(orgStateFile.resolveSibling(base + ".streaming.json"));
    }

    public Path path() {
        return file;
    }

    /**
     * The state to carry on from, given the commit the org was loaded at: the saved one when it
     * was saved at that commit, otherwise counters only (see {@link StreamingSnapshot#reconciledWith});
     * the reason is logged.
     *
     * @throws IllegalStateException when the file exists but is not a state this class wrote
     */
    public StreamingSnapshot load(long orgCommitNumber) {
        if (!Files.exists(file)) {
            StreamingSnapshot fresh = StreamingSnapshot.nothingSavedAt(orgCommitNumber);
            if (orgCommitNumber > 0) {
                LOG.warn("No streaming state file {} for the org saved at commit {}: no events to replay; new replay ids "
                        + "start above {}, and a client resuming from an older one gets the invalid replayId error",
                        file, orgCommitNumber, fresh.replayIdFloor());
            }
            return fresh;
        }
        StreamingSnapshot saved = read();
        StreamingSnapshot restored = saved.reconciledWith(orgCommitNumber);
        if (restored == saved) {
            LOG.info("Restored {} retained streaming events on {} channels from {} (commit {})",
                    saved.eventCount(), saved.channels().size(), file, saved.commitNumber());
        } else {
            LOG.warn("The streaming state in {} was saved at commit {} but the org is at commit {}: the events of the "
                    + "commits in between are missing (the emulator stopped between saving the org and its events, "
                    + "or streaming was off), so the {} saved events are dropped rather than replayed with a hole; new "
                    + "replay ids start above {}, and a client resuming from an older one gets the invalid replayId error",
                    file, saved.commitNumber(), orgCommitNumber, saved.eventCount(), restored.replayIdFloor());
        }
        return restored;
    }

    public void save(StreamingSnapshot snapshot) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("commitNumber", snapshot.commitNumber());
        root.put("changeEventReplayId", snapshot.changeEventReplayId());
        root.put("replayIdFloor", snapshot.replayIdFloor());
        ArrayNode channels = root.putArray("channels");
        for (StreamingSnapshot.ChannelSnapshot channel : snapshot.channels()) {
            ObjectNode node = channels.addObject();
            node.put("channel", channel.channel());
            node.put("lastReplayId", channel.lastReplayId());
            node.put("expiredThrough", channel.expiredThrough());
            ArrayNode events = node.putArray("events");
            for (StoredEvent event : channel.events()) {
                ObjectNode stored = events.addObject();
                stored.put("replayId", event.replayId());
                stored.put("storedAt", event.storedAt().toString());
                stored.set("data", JSON.valueToTree(event.data()));
            }
        }
        try {
            replace(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the streaming state file " + file, e);
        }
    }

    private StreamingSnapshot read() {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw damaged("it is empty or not a JSON object", null);
            }
            if (root.path("formatVersion").asInt() != FORMAT_VERSION) {
                throw damaged("unknown formatVersion " + root.path("formatVersion"), null);
            }
            List<StreamingSnapshot.ChannelSnapshot> channels = new ArrayList<>();
            for (JsonNode channel : array(root, "channels")) {
                List<StoredEvent> events = new ArrayList<>();
                for (JsonNode event : array(channel, "events")) {
                    JsonNode data = event.get("data");
                    if (data == null || !data.isObject()) {
                        throw damaged("an event of " + channel.path("channel") + " has no data object", null);
                    }
                    events.add(new StoredEvent(number(event, "replayId"), Instant.parse(text(event, "storedAt")),
                            JSON.convertValue(data, EVENT_DATA)));
                }
                channels.add(new StreamingSnapshot.ChannelSnapshot(text(channel, "channel"), number(channel, "lastReplayId"),
                        number(channel, "expiredThrough"), events));
            }
            return new StreamingSnapshot(number(root, "commitNumber"), number(root, "changeEventReplayId"),
                    number(root, "replayIdFloor"), channels);
        } catch (JsonProcessingException e) {
            throw damaged("it is not complete JSON (" + e.getOriginalMessage() + ")", e);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw damaged(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the streaming state file " + file, e);
        }
    }

    private IllegalStateException damaged(String reason, Exception cause) {
        return new IllegalStateException("The streaming state file " + file + " is damaged: " + reason + ". The "
                + "emulator replaces it atomically, so something else changed it. Restore it, or delete it to start "
                + "the stream without retained events: new replay ids then start above any issued for this org, and "
                + "a client resuming from an older one gets the invalid replayId error.", cause);
    }

    private JsonNode array(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isArray()) {
            throw damaged("\"" + name + "\" is missing or not an array", null);
        }
        return value;
    }

    private long number(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw damaged("\"" + name + "\" is missing or not a whole number", null);
        }
        return value.asLong();
    }

    private String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw damaged("\"" + name + "\" is missing or not text", null);
        }
        return value.asText();
    }

    /** Temporary file, flushed, renamed over the target, then the directory flushed so the rename lasts. */
    private void replace(byte[] content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the rename is then as durable as they make it.
        }
    }
}
