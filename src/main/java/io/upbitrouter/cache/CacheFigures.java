package io.upbitrouter.cache;

/**
 * A snapshot of the realtime cache's figures since start.
 *
 * @param size      entries held now (an estimate between cleanups, as Caffeine reports it)
 * @param hits      reads that found a live entry
 * @param misses    reads that found none (absent or expired)
 * @param evictions entries removed by expiry or the size bound
 */
public record CacheFigures(long size, long hits, long misses, long evictions) {
}
