package io.upbitrouter.sim;

import java.util.List;

/** A full orderbook snapshot: units best first; {@code level} is the price grouping (0: none). */
record Orderbook(String market, long timestamp, List<Unit> units, double level) {

    record Unit(double askPrice, double bidPrice, double askSize, double bidSize) {
    }
}
