package io.upbitrouter.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One realtime cache entry: the latest item for a key, in Upbit's REST shape.
 *
 * @param key               the cache key, see {@link CacheKeys}
 * @param restShape         the item as Upbit's REST API would answer it (treat as read-only)
 * @param eventTimeMillis   the exchange's {@code timestamp} of the item
 * @param receiveTimeMillis when this process received it, by the injected clock
 * @param candleTimeUtc     {@code candle_date_time_utc} for candles (ISO local date-time), else null
 */
public record CachedMarketData(String key, ObjectNode restShape, long eventTimeMillis, long receiveTimeMillis,
                               String candleTimeUtc) {

    /** Age by the receive time: how long ago this process last heard this state. */
    public long ageMillis(long nowMillis) {
        return Math.max(0, nowMillis - receiveTimeMillis);
    }

    /**
     * The ordering rule: true when this entry should replace {@code older}. Candles compare
     * {@code (candle_date_time_utc, timestamp)}, everything else the event timestamp; equal is not newer.
     */
    public boolean isNewerThan(CachedMarketData older) {
        if (older == null) {
            return true;
        }
        if (candleTimeUtc != null && older.candleTimeUtc != null) {
            int byCandle = candleTimeUtc.compareTo(older.candleTimeUtc);
            if (byCandle != 0) {
                return byCandle > 0;
            }
        }
        return eventTimeMillis > older.eventTimeMillis;
    }
}
