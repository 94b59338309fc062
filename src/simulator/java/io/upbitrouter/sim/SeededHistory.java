package io.upbitrouter.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The past before the simulator started: every trade of every minute is a pure function of
 * (seed, market, minute), so the same seed gives the same history on every request and every run,
 * and candles of all periods aggregate the same trades. About one minute in ten is quiet (no trade),
 * so candle history has gaps as Upbit's does. Thread-safe.
 */
final class SeededHistory {

    static final long MINUTE = 60_000L;
    static final long DAY = 86_400_000L;
    private static final double QUIET_MINUTE_RATIO = 0.1;

    private final long seed;
    private final long startMillis;
    private final long endMillis;
    private final ConcurrentHashMap<String, ConcurrentHashMap<Long, TradeSummary>> daySummaries = new ConcurrentHashMap<>();

    /**
     * @param seed        the generator seed
     * @param startMillis first instant with history (a listing date)
     * @param endMillis   history ends here (exclusive, minute aligned); live trades start at it
     */
    SeededHistory(long seed, long startMillis, long endMillis) {
        this.seed = seed;
        this.startMillis = startMillis;
        this.endMillis = endMillis;
    }

    long startMillis() {
        return startMillis;
    }

    long endMillis() {
        return endMillis;
    }

    /** Trades of the minute starting at {@code minuteStart}, oldest first; empty outside the history window. */
    List<Trade> tradesInMinute(MarketSpec m, long minuteStart) {
        if (minuteStart < startMillis || minuteStart >= endMillis) {
            return List.of();
        }
        long minute = Math.floorDiv(minuteStart, MINUTE);
        SplittableRandom r = new SplittableRandom(mix(seed, key(m), minute, 0x7EADE5L));
        if (r.nextDouble() < QUIET_MINUTE_RATIO) {
            return List.of();
        }
        int n = 1 + r.nextInt(6);
        int[] offsets = new int[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = r.nextInt(60_000);
        }
        Arrays.sort(offsets);
        List<Trade> trades = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long ts = minuteStart + offsets[i];
            double path = priceAt(m, minute + offsets[i] / 60_000.0);
            double price = roundToTick(path * (1 + 0.0004 * r.nextGaussian()));
            double volume = volumeFor(price, r);
            trades.add(new Trade(m.code(), ts, price, volume, r.nextBoolean(), ts * 1000 + i));
        }
        return trades;
    }

    /** Summary of one history minute. */
    TradeSummary minute(MarketSpec m, long minuteStart) {
        TradeSummary s = new TradeSummary();
        for (Trade t : tradesInMinute(m, minuteStart)) {
            s.add(t);
        }
        return s;
    }

    /** Summary of the history part of the UTC day starting at {@code dayStart}; cached, history never changes. */
    TradeSummary day(MarketSpec m, long dayStart) {
        if (dayStart + DAY <= startMillis || dayStart >= endMillis) {
            return new TradeSummary();
        }
        return daySummaries.computeIfAbsent(m.code(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(dayStart, d -> {
                    TradeSummary s = new TradeSummary();
                    for (long t = d; t < d + DAY; t += MINUTE) {
                        s.merge(minute(m, t));
                    }
                    return s;
                }).copy();
    }

    /** Summary of history trades in [from, to), both minute aligned, day summaries used where whole days fit. */
    TradeSummary range(MarketSpec m, long from, long to) {
        TradeSummary s = new TradeSummary();
        long t = Math.max(from, Math.floorDiv(startMillis, MINUTE) * MINUTE);
        long end = Math.min(to, endMillis);
        while (t < end) {
            if (t % DAY == 0 && t + DAY <= end) {
                s.merge(day(m, t));
                t += DAY;
            } else {
                s.merge(minute(m, t));
                t += MINUTE;
            }
        }
        return s;
    }

    /** The last history trade at or before the end, searching back at most a day; null if none. */
    Trade lastTrade(MarketSpec m) {
        for (long t = endMillis - MINUTE; t >= Math.max(startMillis, endMillis - DAY); t -= MINUTE) {
            List<Trade> trades = tradesInMinute(m, t);
            if (!trades.isEmpty()) {
                return trades.get(trades.size() - 1);
            }
        }
        return null;
    }

    /** The seeded price path (before tick rounding) at a fractional epoch minute. */
    double priceAt(MarketSpec m, double minute) {
        long k = key(m);
        double x = 0.22 * noise(mix(seed, k, 1), minute / (1440.0 * 30))
                + 0.06 * noise(mix(seed, k, 2), minute / 1440.0)
                + 0.015 * noise(mix(seed, k, 3), minute / 60.0)
                + 0.003 * noise(mix(seed, k, 4), minute / 5.0);
        return m.basePrice() * Math.exp(x);
    }

    /** Highest and lowest of the price path sampled hourly over the 365 days before {@code atMillis}: {max, maxAt, min, minAt}. */
    double[] yearExtremes(MarketSpec m, long atMillis) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        long maxAt = atMillis;
        long minAt = atMillis;
        for (long t = atMillis - 365 * DAY; t < atMillis; t += 3_600_000L) {
            double p = priceAt(m, t / (double) MINUTE);
            if (p > max) {
                max = p;
                maxAt = t;
            }
            if (p < min) {
                min = p;
                minAt = t;
            }
        }
        return new double[] {roundToTick(max), maxAt, roundToTick(min), minAt};
    }

    static double volumeFor(double price, SplittableRandom r) {
        double notional = Math.exp(12.6 + 1.2 * r.nextGaussian()); // around 300,000 KRW a trade
        return Math.max(1, Math.round(notional / price * 1e8)) / 1e8;
    }

    /** Upbit's KRW price units. */
    static double tick(double price) {
        if (price >= 2_000_000) return 1000;
        if (price >= 1_000_000) return 500;
        if (price >= 500_000) return 100;
        if (price >= 100_000) return 50;
        if (price >= 10_000) return 10;
        if (price >= 1_000) return 1;
        if (price >= 100) return 0.1;
        if (price >= 10) return 0.01;
        if (price >= 1) return 0.001;
        return 0.0001;
    }

    static double roundToTick(double price) {
        double tick = tick(price);
        if (tick >= 1) {
            return Math.max(1, Math.round(price / tick)) * tick;
        }
        // dividing by an exact integer gives the closest double to the decimal price (no 0.30000000000000004)
        long perUnit = Math.round(1 / tick);
        return Math.max(1, Math.round(price * perUnit)) / (double) perUnit;
    }

    static long key(MarketSpec m) {
        return m.code().hashCode() * 0x9E3779B97F4A7C15L;
    }

    /** SplitMix64-style mixing of several longs into one well-spread value. */
    static long mix(long... parts) {
        long h = 0x632BE59BD9B4E019L;
        for (long p : parts) {
            h += p * 0x9E3779B97F4A7C15L;
            h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
            h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
            h ^= h >>> 31;
        }
        return h;
    }

    /** Smooth 1-D value noise in [-1, 1]. */
    private static double noise(long key, double x) {
        long i = (long) Math.floor(x);
        double f = x - i;
        double a = unit(mix(key, i));
        double b = unit(mix(key, i + 1));
        double u = f * f * (3 - 2 * f);
        return a + (b - a) * u;
    }

    private static double unit(long h) {
        return ((h >>> 11) * 0x1.0p-53) * 2 - 1;
    }
}
