package io.upbitrouter.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.protocol.ExactJson;
import io.upbitrouter.protocol.MarketKey;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One realtime cache entry: the latest item for a key, in Upbit's REST shape. Immutable (the item is shared: treat it
 * as read-only); equal when its six values are equal, as a record's. It also holds its item's REST JSON bytes
 * ({@link #restJson()}), written once on first use: however many facade answers read an entry, it costs one
 * Jackson write, and an entry replaced by a newer one brings its own bytes.
 */
public final class CachedMarketData {

    private final MarketKey key;
    private final ObjectNode restShape;
    private final long eventTimeMillis;
    private final long receiveTimeMillis;
    private final String candleTimeUtc;
    private final BigDecimal sameTimeOrder;
    /** The item as compact JSON ({@link ExactJson}), made on first use; a race writes the same bytes twice. */
    private volatile byte[] restJson;

    /**
     * @param key               what the entry is about
     * @param restShape         the item as Upbit's REST API would answer it (treat as read-only)
     * @param eventTimeMillis   the exchange's {@code timestamp} of the item (a trade's: its trade time)
     * @param receiveTimeMillis when this process received it, by the injected clock
     * @param candleTimeUtc     {@code candle_date_time_utc} for candles (ISO local date-time), else null
     * @param sameTimeOrder     what orders two items of one event time, or null where the exchange gives nothing:
     *                          a trade's {@code sequential_id}, a ticker's {@code acc_trade_volume} (it grows with every
     *                          trade of the day), a candle's {@code candle_acc_trade_volume}; see {@link #of}
     */
    public CachedMarketData(MarketKey key, ObjectNode restShape, long eventTimeMillis, long receiveTimeMillis,
                            String candleTimeUtc, BigDecimal sameTimeOrder) {
        this.key = key;
        this.restShape = restShape;
        this.eventTimeMillis = eventTimeMillis;
        this.receiveTimeMillis = receiveTimeMillis;
        this.candleTimeUtc = candleTimeUtc;
        this.sameTimeOrder = sameTimeOrder;
    }

    /** An entry with no same-time order: two items of one event time are told apart by content only. */
    public CachedMarketData(MarketKey key, ObjectNode restShape, long eventTimeMillis, long receiveTimeMillis,
                            String candleTimeUtc) {
        this(key, restShape, eventTimeMillis, receiveTimeMillis, candleTimeUtc, null);
    }

    public MarketKey key() {
        return key;
    }

    public ObjectNode restShape() {
        return restShape;
    }

    public long eventTimeMillis() {
        return eventTimeMillis;
    }

    public long receiveTimeMillis() {
        return receiveTimeMillis;
    }

    public String candleTimeUtc() {
        return candleTimeUtc;
    }

    public BigDecimal sameTimeOrder() {
        return sameTimeOrder;
    }

    /**
     * The item as the facade writes it: compact UTF-8 JSON by {@link ExactJson} (numbers exactly as the exchange wrote
     * them, fields in the item's order), the same bytes as the item written inside an answer's array. Made on the
     * first call and kept: the array is shared, never change it.
     */
    public byte[] restJson() {
        byte[] bytes = restJson;
        if (bytes == null) {
            bytes = ExactJson.bytes(restShape);
            restJson = bytes;
        }
        return bytes;
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

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof CachedMarketData that && eventTimeMillis == that.eventTimeMillis
                && receiveTimeMillis == that.receiveTimeMillis && Objects.equals(key, that.key)
                && Objects.equals(restShape, that.restShape) && Objects.equals(candleTimeUtc, that.candleTimeUtc)
                && Objects.equals(sameTimeOrder, that.sameTimeOrder);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, restShape, eventTimeMillis, receiveTimeMillis, candleTimeUtc, sameTimeOrder);
    }

    @Override
    public String toString() {
        return "CachedMarketData[key=" + key + ", restShape=" + restShape + ", eventTimeMillis=" + eventTimeMillis
                + ", receiveTimeMillis=" + receiveTimeMillis + ", candleTimeUtc=" + candleTimeUtc
                + ", sameTimeOrder=" + sameTimeOrder + "]";
    }
}
