package io.upbitrouter.protocol;

/** Limits of Upbit's quotation API that requests are checked against before they reach the exchange. */
public final class UpbitLimits {

    /** Trade ticks reach back this many days ({@code days_ago} 1..7); older ones the exchange does not serve. */
    public static final int TRADES_MAX_DAYS_AGO = 7;

    private UpbitLimits() {
    }
}
