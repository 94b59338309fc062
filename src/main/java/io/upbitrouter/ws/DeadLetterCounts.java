package io.upbitrouter.ws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many stream frames went to the dead-letter route, per kind ({@code undecodable},
 * {@code unsupported-message}, {@code exchange-error:INVALID_PARAM}, {@code processing-failure}). Thread-safe.
 */
public class DeadLetterCounts {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one frame of this kind; returns true the first time the kind is seen (to log it once). */
    public boolean record(String kind) {
        boolean[] first = {false};
        counts.computeIfAbsent(kind, k -> {
            first[0] = true;
            return new LongAdder();
        }).increment();
        return first[0];
    }

    public long count(String kind) {
        LongAdder adder = counts.get(kind);
        return adder == null ? 0 : adder.sum();
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** All kinds with their counts, sorted by kind. */
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((k, v) -> snapshot.put(k, v.sum()));
        return snapshot;
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
