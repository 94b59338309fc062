package io.upbitrouter.sim;

/**
 * One executed trade on the simulated exchange. Every ticker, orderbook and candle the simulator
 * serves is derived from these, so REST and WebSocket always agree.
 *
 * @param market       market code, e.g. {@code KRW-BTC}
 * @param timestamp    execution time, epoch milliseconds
 * @param price        execution price, already on the market's tick grid
 * @param volume       executed quantity
 * @param ask          true for a sell-side ({@code ASK}) trade, false for {@code BID}
 * @param sequentialId unique per market, increasing with time in this simulator
 */
public record Trade(String market, long timestamp, double price, double volume, boolean ask, long sequentialId) {

    /** Upbit's {@code ask_bid} value. */
    public String askBid() {
        return ask ? "ASK" : "BID";
    }
}
