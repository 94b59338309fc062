package io.upbitrouter.ws;

import io.upbitrouter.cache.CachedMarketData;

/**
 * One frame from the stream after decoding: market data ready for the cache, a keepalive answer, or a
 * frame for the dead-letter route (with the kind it is counted under and a short excerpt to log).
 *
 * @param kind            what the frame is
 * @param entry           the cache entry in REST shape, for {@link Kind#DATA} only
 * @param deduplicationKey the item's identity ({@link CachedMarketData#identity()}), for {@link Kind#DATA} only
 * @param deadLetterKind  the dead-letter counter name, for the other kinds
 * @param excerpt         the start of the raw frame, for logs
 */
public record StreamFrame(Kind kind, CachedMarketData entry, String deduplicationKey, String deadLetterKind,
                          String excerpt) {

    public enum Kind {
        /** A market data message converted to REST shape. */
        DATA,
        /** {@code {"status":"UP"}}: the answer to a keepalive PING. */
        STATUS,
        /** {@code {"error":{...}}} sent by the exchange. */
        EXCHANGE_ERROR,
        /** Not JSON, not an object, or a message missing what the REST shape needs. */
        UNDECODABLE
    }

    public boolean isData() {
        return kind == Kind.DATA;
    }

    public boolean isStatus() {
        return kind == Kind.STATUS;
    }
}
