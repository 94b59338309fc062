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

    /**
     * Whether the text is a market code (null is not): {@link #PATTERN}, checked by hand, as every request checks
     * each of its codes (twice: read and validated) and a matcher per code costs more than the rest of a cache hit's
     * checks.
     */
    public static boolean isValid(String code) {
        if (code == null) {
            return false;
        }
        int dash = code.indexOf('-');
        int length = code.length();
        return dash >= 2 && dash <= 10 && length - dash - 1 >= 1 && length - dash - 1 <= 20
                && upperOrDigits(code, 0, dash) && upperOrDigits(code, dash + 1, length);
    }

    private static boolean upperOrDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
