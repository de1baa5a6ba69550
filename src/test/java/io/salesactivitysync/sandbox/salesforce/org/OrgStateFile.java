package io.salesactivitysync.sandbox.salesforce.org;

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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the org in a JSON file across restarts. Each save writes a temporary file beside the
 * target, flushes it to disk and renames it over the target, so a crash leaves either the old or
 * the new state.
 */
public final class OrgStateFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FORMAT_VERSION = 1;

    private final Path file;
    private final OrgSchema schema;

    public OrgStateFile(Path file, OrgSchema schema) {
        this.file = file;
        this.schema = schema;
    }

    public Optional<OrgSnapshot> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root.path("formatVersion").asInt() != FORMAT_VERSION) {
                throw new IllegalStateException("Unknown state file format in " + file);
            }
            List<StoredRecord> records = new ArrayList<>();
            for (JsonNode node : root.path("records")) {
                schema.type(node.path("type").asText()).ifPresent(type -> records.add(record(type, node)));
            }
            return Optional.of(new OrgSnapshot(records, root.path("lastIssuedId").asLong(),
                    root.path("commitNumber").asLong()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the emulator state file " + file, e);
        }
    }

    public void save(OrgSnapshot snapshot) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("lastIssuedId", snapshot.lastIssuedId());
        root.put("commitNumber", snapshot.commitNumber());
        ArrayNode records = root.putArray("records");
        for (StoredRecord record : snapshot.records()) {
            ObjectNode node = records.addObject();
            node.put("type", record.type());
            node.put("id", record.id());
            node.put("deletedAt", record.deletedAt() == null ? null : record.deletedAt().toString());
            ObjectNode values = node.putObject("values");
            record.values().forEach((name, value) -> values.set(name, value == null ? values.nullNode()
                    : value instanceof Boolean b ? values.booleanNode(b)
                    : value instanceof Integer i ? values.numberNode(i)
                    : value instanceof Double d ? values.numberNode(d)
                    : values.textNode(value.toString())));
        }
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer content = ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the emulator state file " + file, e);
        }
    }

    /**
     * Makes the rename last through a power cut too, so that whatever is saved after it (the
     * streaming state) never reaches the disk before it.
     */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the rename is then as durable as they make it.
        }
    }

    private static StoredRecord record(SObjectType type, JsonNode node) {
        Map<String, Object> values = new LinkedHashMap<>();
        type.fields().forEach(f -> values.put(f.name(), null));
        Iterator<Map.Entry<String, JsonNode>> fields = node.path("values").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            type.field(entry.getKey()).ifPresent(field -> values.put(field.name(), typed(field, entry.getValue())));
        }
        String deletedAt = node.path("deletedAt").isTextual() ? node.path("deletedAt").asText() : null;
        return new StoredRecord(type.name(), node.path("id").asText(), values,
                deletedAt == null ? null : Instant.parse(deletedAt));
    }

    private static Object typed(FieldDefinition field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (field.type()) {
            case BOOLEAN -> value.asBoolean();
            case INT -> value.asInt();
            case DOUBLE, CURRENCY, PERCENT -> value.asDouble();
            case DATE -> LocalDate.parse(value.asText());
            case DATETIME -> Instant.parse(value.asText());
            default -> value.asText();
        };
    }
}
