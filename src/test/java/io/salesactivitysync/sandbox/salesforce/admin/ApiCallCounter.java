package io.salesactivitysync.sandbox.salesforce.admin;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * API calls by kind ({@code query}, {@code queryMore}, {@code create}, {@code update},
 * {@code delete}, {@code upsert}, {@code retrieve}, {@code composite}, {@code collections},
 * {@code limits}, {@code describe}, {@code oauth}...), so a test can assert how many calls a flow costs.
 */
public final class ApiCallCounter {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public void record(String kind) {
        counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    public long count(String kind) {
        AtomicLong count = counts.get(kind);
        return count == null ? 0 : count.get();
    }

    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Counts by kind, sorted by kind. */
    public Map<String, Long> snapshot() {
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((kind, count) -> result.put(kind, count.get()));
        return result;
    }

    public void reset() {
        counts.clear();
    }
}
