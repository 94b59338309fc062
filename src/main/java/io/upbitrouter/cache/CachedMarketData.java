package io.upbitrouter.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.protocol.MarketKey;

import java.math.BigDecimal;

/**
 * One realtime cache entry: the latest item for a key, in Upbit's REST shape.
 *
 * @param key               what the entry is about
 * @param restShape         the item as Upbit's REST API would answer it (treat as read-only)
 * @param eventTimeMillis   the exchange's {@code timestamp} of the item (a trade's: its trade time)
 * @param receiveTimeMillis when this process received it, by the injected clock
 * @param candleTimeUtc     {@code candle_date_time_utc} for candles (ISO local date-time), else null
 * @param sameTimeOrder     what orders two items of one event time, or null where the exchange gives nothing:
 *                          a trade's {@code sequential_id}, a ticker's {@code acc_trade_volume} (it grows with every
 *                          trade of the day), a candle's {@code candle_acc_trade_volume}; see {@link #of}
 */
public record CachedMarketData(MarketKey key, ObjectNode restShape, long eventTimeMillis, long receiveTimeMillis,
                               String candleTimeUtc, BigDecimal sameTimeOrder) {

    /** An entry with no same-time order: two items of one event time are told apart by content only. */
    public CachedMarketData(MarketKey key, ObjectNode restShape, long eventTimeMillis, long receiveTimeMillis,
                            String candleTimeUtc) {
        this(key, restShape, eventTimeMillis, receiveTimeMillis, candleTimeUtc, null);
    }

    /**
     * The entry for a REST-shaped item under its key: event time from {@code timestamp}, candle
     * time for candle keys, and the same-time order the item's type carries.
     */
    public static CachedMarketData of(MarketKey key, ObjectNode restShape, long receiveTimeMillis) {
        long eventTime = restShape.path("timestamp").asLong();
        String candleTime = null;
        String orderField;
        switch (key.type()) {
            case TRADES -> orderField = "sequential_id";
            case TICKER -> orderField = "acc_trade_volume";
            case CANDLES -> {
                candleTime = restShape.path("candle_date_time_utc").asText(null);
                orderField = "candle_acc_trade_volume";
            }
            default -> orderField = null;
        }
        JsonNode order = orderField == null ? null : restShape.get(orderField);
        BigDecimal sameTimeOrder = order != null && order.isNumber() ? order.decimalValue() : null;
        return new CachedMarketData(key, restShape, eventTime, receiveTimeMillis, candleTime, sameTimeOrder);
    }

    /** Age by the receive time: how long ago this process last heard this state. */
    public long ageMillis(long nowMillis) {
        return Math.max(0, nowMillis - receiveTimeMillis);
    }

    /**
     * The ordering rule: true when this entry should replace {@code older}. Candles compare
     * {@code candle_date_time_utc} first; then the event timestamp decides; within one millisecond the
     * same-time order decides (several fills in one millisecond: the greatest {@code sequential_id} is the latest),
     * and equal is not newer. Where the type carries no same-time order (orderbook), a different item with the
     * same timestamp is newer, since the exchange sent it later on the one connection; the same item is not.
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
        if (eventTimeMillis != older.eventTimeMillis) {
            return eventTimeMillis > older.eventTimeMillis;
        }
        if (sameTimeOrder != null && older.sameTimeOrder != null) {
            return sameTimeOrder.compareTo(older.sameTimeOrder) > 0;
        }
        return !restShape.equals(older.restShape);
    }

    /**
     * What identifies this very item for the stream's duplicate filter: key, candle time, event time and the
     * same-time order (for types without one, the content's hash), so two items of one millisecond are two items.
     */
    public String identity() {
        Object within = sameTimeOrder != null ? sameTimeOrder.toPlainString() : Integer.toHexString(restShape.hashCode());
        return candleTimeUtc == null
                ? key + "|" + eventTimeMillis + "|" + within
                : key + "|" + candleTimeUtc + "|" + eventTimeMillis + "|" + within;
    }
}
