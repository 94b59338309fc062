package io.upbitrouter.protocol;

import java.util.regex.Pattern;

/**
 * Upbit's market codes, {@code QUOTE-BASE} in upper case ({@code KRW-BTC}, {@code USDT-ETH}, {@code KRW-1INCH}): the
 * one rule the request API, the HTTP facade and the local WebSocket check codes by.
 */
public final class MarketCodes {

    private static final String CODE = "[A-Z0-9]{2,10}-[A-Z0-9]{1,20}";
    /** A market code. */
    public static final Pattern PATTERN = Pattern.compile(CODE);
    /** A market code as a WebSocket subscription may write it: with an orderbook unit count, {@code KRW-BTC.15}. */
    public static final Pattern WITH_UNIT_COUNT = Pattern.compile(CODE + "(\\.\\d+)?");

    private MarketCodes() {
    }

    /** Whether the text is a market code (null is not). */
    public static boolean isValid(String code) {
        return code != null && PATTERN.matcher(code).matches();
    }
}
