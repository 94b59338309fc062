package io.upbitrouter.ops;

import java.util.OptionalLong;

/**
 * What metrics and health read about the realtime cache, beyond the {@code RealtimeCache} contract.
 * The realtime cache implements it when it can; without it the cache's size and age are not reported.
 */
public interface CacheFigures {

    /** Entries held now (an estimate is fine). */
    long size();

    /** Age of the oldest entry by receive time, in milliseconds, or empty when the cache is empty. */
    OptionalLong oldestAgeMillis();
}
