package io.upbitrouter.ws;

import java.util.OptionalLong;

/** What the router needs to know about the WebSocket stream to trust the realtime cache. */
public interface StreamStatus {

    /** True when a socket is open and subscribed. */
    boolean isConnected();

    /** True when connected and a message arrived within the watchdog limit. */
    boolean isHealthy();

    /** Milliseconds since the last message from the stream, or empty when none has arrived yet. */
    OptionalLong lastMessageAgeMillis();
}
