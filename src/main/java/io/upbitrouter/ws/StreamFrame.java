package io.upbitrouter.ws;

import io.upbitrouter.cache.CachedMarketData;

/**
 * One frame from the stream after decoding: market data ready for the cache, a keepalive answer, or a
 * frame for the dead-letter route (with the kind it is counted under and a short excerpt to log). After
 * {@link StreamIngest} has taken a data frame, it also says what became of it ({@link #outcome()}).
 *
 * @param kind           what the frame is
 * @param entry          the cache entry in REST shape, for {@link Kind#DATA} only
 * @param deadLetterKind the dead-letter counter name, for the other kinds
 * @param excerpt        the start of the raw frame, for logs
 * @param outcome        what the ingest did with a data frame; null before it (and for the other kinds)
 */
public record StreamFrame(Kind kind, CachedMarketData entry, String deadLetterKind, String excerpt, Outcome outcome) {

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

    /** What the ingest did with a data frame. */
    public enum Outcome {
        /** Newer than anything before it: stored in the cache. */
        STORED,
        /** Not newer than the last item this connection delivered for its stream: a duplicate (or older), skipped. */
        DUPLICATE,
        /** Past the duplicate filter, but the cache holds a newer item (e.g. from REST): refused by the ordering rule. */
        OLDER
    }

    public boolean isData() {
        return kind == Kind.DATA;
    }

    public boolean isStatus() {
        return kind == Kind.STATUS;
    }

    public boolean isStored() {
        return outcome == Outcome.STORED;
    }

    /** The item's identity ({@link CachedMarketData#identity()}), for data frames; made on demand (for logs and tests). */
    public String deduplicationKey() {
        return entry == null ? null : entry.identity();
    }

    /** This data frame with what the ingest did with it. */
    public StreamFrame withOutcome(Outcome result) {
        return new StreamFrame(kind, entry, deadLetterKind, excerpt, result);
    }
}
