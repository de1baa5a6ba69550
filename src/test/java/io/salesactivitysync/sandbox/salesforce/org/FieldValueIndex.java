package io.salesactivitysync.sandbox.salesforce.org;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The org's committed records by the value of one field, for the lookups Salesforce answers from an
 * index: an upsert's external id, a unique field's duplicate check. Without it each such lookup
 * scanned the whole org under its lock, and an org of ten thousand Tasks answered a collection of
 * 200 upserts in seconds, which made the benchmark measure the emulator instead of the product.
 *
 * <p>An index is built the first time a (type, field) is asked for and kept up to date at every
 * commit and purge of {@link OrgStore}; it lives under the store's lock like the records. Text is
 * keyed as {@link String#equalsIgnoreCase} compares it, so a lookup finds every record
 * {@link #sameValue} accepts (and callers check each candidate with it).
 */
final class FieldValueIndex {

    private record Key(String type, String field) {
    }

    private final Map<String, StoredRecord> committed;
    private final Map<Key, Map<Object, Set<String>>> indexes = new HashMap<>();

    FieldValueIndex(Map<String, StoredRecord> committed) {
        this.committed = committed;
    }

    /** Salesforce's comparison of a looked-up value with a stored one: text case-insensitively. */
    static boolean sameValue(Object value, Object stored) {
        return value instanceof String text && stored instanceof String storedText
                ? text.equalsIgnoreCase(storedText) : Objects.equals(value, stored);
    }

    /** The ids of the committed records of the type (live and deleted) whose field may hold the value. */
    Set<String> ids(String type, String field, Object value) {
        if (value == null) {
            return Set.of();
        }
        Map<Object, Set<String>> index = indexes.computeIfAbsent(new Key(type, field), this::build);
        return index.getOrDefault(key(value), Set.of());
    }

    /** The record changed from before to after (either may be null: created, purged); call before the store holds after. */
    void replace(StoredRecord before, StoredRecord after) {
        if (indexes.isEmpty()) {
            return;
        }
        StoredRecord any = before != null ? before : after;
        for (Map.Entry<Key, Map<Object, Set<String>>> entry : indexes.entrySet()) {
            if (!entry.getKey().type().equals(any.type())) {
                continue;
            }
            String field = entry.getKey().field();
            Object old = before == null ? null : before.get(field);
            Object now = after == null ? null : after.get(field);
            if (old != null && (now == null || !key(old).equals(key(now)))) {
                remove(entry.getValue(), old, any.id());
            }
            if (now != null) {
                entry.getValue().computeIfAbsent(key(now), k -> new LinkedHashSet<>()).add(any.id());
            }
        }
    }

    private Map<Object, Set<String>> build(Key key) {
        Map<Object, Set<String>> index = new HashMap<>();
        for (StoredRecord record : committed.values()) {
            Object value = record.type().equals(key.type()) ? record.get(key.field()) : null;
            if (value != null) {
                index.computeIfAbsent(key(value), k -> new LinkedHashSet<>()).add(record.id());
            }
        }
        return index;
    }

    private static void remove(Map<Object, Set<String>> index, Object value, String id) {
        Object key = key(value);
        Set<String> ids = index.get(key);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                index.remove(key);
            }
        }
    }

    /**
     * Text folded code point by code point as equalsIgnoreCase compares (the lower case of the upper
     * case), so that two texts it finds equal get one key; other values are their own key.
     */
    private static Object key(Object value) {
        if (!(value instanceof String text)) {
            return value;
        }
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(c -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
        return new Folded(folded.toString());
    }

    /** A folded text, a key of its own kind so that it never equals a stored value of another type. */
    private record Folded(String text) {
    }
}
