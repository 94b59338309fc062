package io.upbitrouter.sim;

/** A candle: the trades of one bucket. {@code prevClose} is set for day candles only (NaN otherwise). */
record Candle(String market, CandlePeriod period, long start, TradeSummary summary, double prevClose) {
}
