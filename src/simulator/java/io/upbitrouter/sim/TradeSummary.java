package io.upbitrouter.sim;

/**
 * Open/high/low/close and accumulated price and volume of a run of trades. Trades and merged
 * summaries must be fed in chronological order. Not thread-safe: owners copy it out under their lock.
 */
final class TradeSummary {

    double open;
    double high;
    double low;
    double close;
    long firstTimestamp;
    long lastTimestamp;
    double accPrice;
    double accVolume;
    double askVolume;
    int count;

    void add(Trade t) {
        if (count == 0) {
            open = high = low = t.price();
            firstTimestamp = t.timestamp();
        } else {
            high = Math.max(high, t.price());
            low = Math.min(low, t.price());
        }
        close = t.price();
        lastTimestamp = t.timestamp();
        accPrice += t.price() * t.volume();
        accVolume += t.volume();
        if (t.ask()) {
            askVolume += t.volume();
        }
        count++;
    }

    void merge(TradeSummary later) {
        if (later.count == 0) {
            return;
        }
        if (count == 0) {
            open = later.open;
            high = later.high;
            low = later.low;
            firstTimestamp = later.firstTimestamp;
        } else {
            high = Math.max(high, later.high);
            low = Math.min(low, later.low);
        }
        close = later.close;
        lastTimestamp = later.lastTimestamp;
        accPrice += later.accPrice;
        accVolume += later.accVolume;
        askVolume += later.askVolume;
        count += later.count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    TradeSummary copy() {
        TradeSummary c = new TradeSummary();
        c.merge(this);
        return c;
    }
}
