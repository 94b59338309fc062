package io.upbitrouter.sim;

import java.util.List;

/** A full orderbook snapshot: units best first. */
record Orderbook(String market, long timestamp, List<Unit> units) {

    record Unit(double askPrice, double bidPrice, double askSize, double bidSize) {
    }
}
