package io.upbitrouter.model;

/** Where an answered item came from. The wire name is used in headers and metrics tags. */
public enum DataSource {
    /** The realtime cache filled from the WebSocket stream. */
    WEBSOCKET_CACHE("websocket"),
    /** A REST call made for this request. */
    REST("rest"),
    /** Closed candles from an earlier REST call, which never change. */
    HISTORY_CACHE("history-cache");

    private final String wireName;

    DataSource(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
