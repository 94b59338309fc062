package io.upbitrouter.rest;

import io.upbitrouter.model.MarketDataType;

import java.util.Locale;
import java.util.Optional;

/** Upbit's quotation rate-limit groups: each has its own budget of requests per second per IP. */
public enum RestGroup {
    MARKET("market"),
    CANDLES("candles"),
    TRADE("trade"),
    TICKER("ticker"),
    ORDERBOOK("orderbook");

    private final String headerName;

    RestGroup(String headerName) {
        this.headerName = headerName;
    }

    /** The name Upbit uses in {@code Remaining-Req}: {@code group=candles}. */
    public String headerName() {
        return headerName;
    }

    /** The group that serves REST calls for a type of data. */
    public static RestGroup of(MarketDataType type) {
        return switch (type) {
            case TICKER -> TICKER;
            case TRADES -> TRADE;
            case ORDERBOOK -> ORDERBOOK;
            case CANDLES -> CANDLES;
        };
    }

    /** Maps a header's group name ({@code candle} and {@code candles} alike, any case); unknown names give empty. */
    public static Optional<RestGroup> fromHeaderName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "market" -> Optional.of(MARKET);
            case "candle", "candles" -> Optional.of(CANDLES);
            case "trade", "trades" -> Optional.of(TRADE);
            case "ticker" -> Optional.of(TICKER);
            case "orderbook" -> Optional.of(ORDERBOOK);
            default -> Optional.empty();
        };
    }

    /**
     * The group a quotation path below the API base counts against ({@code candles/minutes/1}, {@code trades/ticks},
     * {@code ticker/all}, {@code orderbook}, {@code market/all}); empty for any other path.
     */
    public static Optional<RestGroup> ofPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        int slash = p.indexOf('/');
        return fromHeaderName(slash < 0 ? p : p.substring(0, slash));
    }
}
