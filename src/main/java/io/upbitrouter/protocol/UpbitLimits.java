package io.upbitrouter.protocol;

/** Limits of Upbit's quotation API that requests are checked against before they reach the exchange. */
public final class UpbitLimits {

    /** Trade ticks reach back this many days ({@code days_ago} 1..7); older ones the exchange does not serve. */
    public static final int TRADES_MAX_DAYS_AGO = 7;

    /** The deepest orderbook the exchange serves, and its REST default: 30 units ({@code count} 1-30). */
    public static final int ORDERBOOK_MAX_UNITS = 30;
    /** The units a WebSocket orderbook subscription gets when its code names none ({@code KRW-BTC}, not {@code KRW-BTC.5}). */
    public static final int WS_ORDERBOOK_DEFAULT_UNITS = 15;

    private UpbitLimits() {
    }
}
