package io.upbitrouter.ws;

import java.util.OptionalLong;
import java.util.Set;

/** What the router needs to know about the WebSocket stream to trust the realtime cache. */
public interface StreamStatus {

    /** True when a socket is open and subscribed. */
    boolean isConnected();

    /** True when connected and a message arrived within the watchdog limit. */
    boolean isHealthy();

    /**
     * True when the stream is connected but has stopped delivering this market's data while the exchange went on
     * (a stall: the socket may still answer PING). A stalled market's entries must not be served as fresh.
     */
    default boolean isStalled(String symbol) {
        return false;
    }

    /** The markets stalled now (every subscribed market when the whole connection stalled: see {@link #isConnectionStalled()}). */
    default Set<String> stalledSymbols() {
        return Set.of();
    }

    /** True when the connection is open but no data at all flows while the exchange trades. */
    default boolean isConnectionStalled() {
        return false;
    }

    /**
     * True when nothing is wanted on the stream (no warm set, nothing demanded within the idle time), so no connection
     * is open on purpose: the stream connects on the first demand. An idle stream is neither connected nor unhealthy.
     */
    default boolean isIdle() {
        return false;
    }

    /** Milliseconds since the last message from the stream, or empty when none has arrived yet. */
    OptionalLong lastMessageAgeMillis();
}
