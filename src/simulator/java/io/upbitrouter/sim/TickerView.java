package io.upbitrouter.sim;

/** What a ticker reports: the last trade, the current UTC day, 24 h totals and 52-week extremes. */
record TickerView(String market, Trade last, TradeSummary today, double prevClose,
                  double accTradePrice24h, double accTradeVolume24h,
                  double high52, long high52At, double low52, long low52At) {
}
