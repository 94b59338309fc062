package io.upbitrouter.routing;

import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * Counts every decided symbol by the rule that chose its source (answered or failed), and answered ones by source. Bound as {@code upbitRoutingDecisionCounter};
 * a metrics binder reads {@link #count} (e.g. as a Micrometer FunctionCounter per reason) or registers a
 * listener that is told each decision as it happens. Thread-safe; listeners must be quick and must not throw.
 */
public class RoutingDecisionCounter {

    private final Map<RoutingReason, LongAdder> byReason = new EnumMap<>(RoutingReason.class);
    private final Map<DataSource, LongAdder> bySource = new EnumMap<>(DataSource.class);
    private final LongAdder failed = new LongAdder();
    private final List<BiConsumer<RoutingReason, DataSource>> listeners = new CopyOnWriteArrayList<>();

    public RoutingDecisionCounter() {
        for (RoutingReason r : RoutingReason.values()) {
            byReason.put(r, new LongAdder());
        }
        for (DataSource s : DataSource.values()) {
            bySource.put(s, new LongAdder());
        }
    }

    /** Counts each symbol result of an answer. */
    public void record(MarketDataResponse response) {
        for (SymbolResult r : response.results()) {
            record(r.reason(), r.source());
        }
    }

    public void record(RoutingReason reason, DataSource source) {
        byReason.get(reason).increment();
        bySource.get(source).increment();
        for (BiConsumer<RoutingReason, DataSource> l : listeners) {
            l.accept(reason, source);
        }
    }

    /** Counts a decision whose request then failed (rate limited, exchange unavailable ...); listeners get a null source. */
    public void recordFailure(RoutingReason reason) {
        byReason.get(reason).increment();
        failed.increment();
        for (BiConsumer<RoutingReason, DataSource> l : listeners) {
            l.accept(reason, null);
        }
    }

    /** Decisions whose request failed since start. */
    public long failures() {
        return failed.sum();
    }

    /** Decisions made for this reason since start, answered or failed. */
    public long count(RoutingReason reason) {
        return byReason.get(reason).sum();
    }

    /** Symbols answered from this source since start. */
    public long count(DataSource source) {
        return bySource.get(source).sum();
    }

    /** A snapshot of every reason's count. */
    public Map<RoutingReason, Long> counts() {
        Map<RoutingReason, Long> snapshot = new EnumMap<>(RoutingReason.class);
        byReason.forEach((r, n) -> snapshot.put(r, n.sum()));
        return snapshot;
    }

    /** Tells the listener every decision from now on (reason, and source or null when the request failed). */
    public void addListener(BiConsumer<RoutingReason, DataSource> listener) {
        listeners.add(listener);
    }
}
