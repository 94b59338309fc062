package io.upbitrouter.sim;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static io.upbitrouter.sim.SeededHistory.DAY;
import static io.upbitrouter.sim.SeededHistory.MINUTE;

/**
 * The simulated market: seeded history before start, then live trades made by a realtime driver
 * ({@code tradesPerSecond} per market) or by tests through {@link #step()} and {@link #publishTrade}.
 * Tickers, orderbooks and candles are all derived from the same trades, so every view agrees.
 * <p>
 * Thread-safe. Trades are applied and announced to listeners one at a time, in order, so a
 * listener sees each trade exactly once, after the state it produced.
 */
public final class MarketGenerator {

    private final Map<String, MarketBook> books = new LinkedHashMap<>();
    private final SeededHistory history;
    private final Clock clock;
    private final long seed;
    private final int maxLiveTrades;
    private final Object publishLock = new Object();
    private final List<Consumer<Trade>> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService driver;

    MarketGenerator(List<MarketSpec> specs, long seed, Clock clock, int historyDays, int maxLiveTrades) {
        this.clock = clock;
        this.seed = seed;
        this.maxLiveTrades = maxLiveTrades;
        long end = Math.floorDiv(clock.millis(), MINUTE) * MINUTE;
        long start = Math.floorDiv(end, DAY) * DAY - (long) historyDays * DAY;
        this.history = new SeededHistory(seed, start, end);
        for (MarketSpec spec : specs) {
            books.put(spec.code(), new MarketBook(spec));
        }
    }

    /** The listed market codes, in listing order. */
    public List<String> codes() {
        return List.copyOf(books.keySet());
    }

    /** The listed markets. */
    public List<MarketSpec> specs() {
        return books.values().stream().map(b -> b.spec).toList();
    }

    /** Whether the code is listed. */
    public boolean lists(String code) {
        return books.containsKey(code);
    }

    /** One seeded trade on every market, at the clock's time; returns them in listing order. */
    public List<Trade> step() {
        List<Trade> trades = new ArrayList<>();
        for (MarketBook book : books.values()) {
            trades.add(nextTrade(book));
        }
        return trades;
    }

    /** One seeded trade on one market, at the clock's time. */
    public Trade step(String market) {
        return nextTrade(book(market));
    }

    /**
     * A trade with the given values at the clock's time (later than every earlier trade of the
     * market), announced like any other.
     */
    public Trade publishTrade(String market, double price, double volume, String askBid) {
        return apply(book(market), price, volume, "ASK".equals(askBid));
    }

    /** The newest trade of the market (live or history), if any. */
    public Optional<Trade> lastTrade(String market) {
        MarketBook book = book(market);
        synchronized (book) {
            return Optional.ofNullable(book.lastTrade);
        }
    }

    /** Registers a listener called with every new trade, in order, on the thread that made it. */
    void addListener(Consumer<Trade> listener) {
        listeners.add(listener);
    }

    /** Runs {@code r} while no trade can be applied or announced (consistent snapshots). */
    void inTradeOrder(Runnable r) {
        synchronized (publishLock) {
            r.run();
        }
    }

    /** Starts the realtime driver: {@code tradesPerSecond} seeded trades per market per second on average. */
    synchronized void startDriver(double tradesPerSecond) {
        if (tradesPerSecond <= 0 || driver != null) {
            return;
        }
        driver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "upbit-sim-market");
            t.setDaemon(true);
            return t;
        });
        long periodMs = Math.max(10, Math.min(200, (long) (1000 / tradesPerSecond)));
        double[] owed = new double[books.size()];
        long[] last = {System.nanoTime()};
        driver.scheduleAtFixedRate(() -> {
            try {
                long now = System.nanoTime();
                double elapsed = (now - last[0]) / 1e9;
                last[0] = now;
                int i = 0;
                for (MarketBook book : books.values()) {
                    owed[i] += tradesPerSecond * elapsed;
                    while (owed[i] >= 1) {
                        owed[i] -= 1;
                        nextTrade(book);
                    }
                    i++;
                }
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(MarketGenerator.class).warn("Simulated market driver step failed", e);
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    synchronized void stopDriver() {
        if (driver != null) {
            driver.shutdownNow();
            driver = null;
        }
    }

    // ---- queries -------------------------------------------------------------------------

    MarketSpec spec(String market) {
        return book(market).spec;
    }

    /** The current ticker of a market. */
    TickerView ticker(String market) {
        MarketBook b = book(market);
        long now = clock.millis();
        synchronized (b) {
            Trade last = b.lastTrade;
            TradeSummary today;
            double prevClose;
            if (b.dayStart == Math.floorDiv(Math.max(now, last == null ? now : last.timestamp()), DAY) * DAY || last == null) {
                today = b.today.copy();
                prevClose = b.prevClose;
            } else {
                // no trade yet on the clock's day: the day opens at the last price
                today = new TradeSummary();
                prevClose = last.price();
            }
            double[] acc24 = acc24h(b, Math.max(now, last == null ? now : last.timestamp()));
            if (b.yearExtremes == null) {
                b.yearExtremes = history.yearExtremes(b.spec, history.endMillis());
            }
            double high52 = b.yearExtremes[0];
            long high52At = (long) b.yearExtremes[1];
            double low52 = b.yearExtremes[2];
            long low52At = (long) b.yearExtremes[3];
            if (b.liveHigh > high52) {
                high52 = b.liveHigh;
                high52At = b.liveHighAt;
            }
            if (b.liveLow < low52) {
                low52 = b.liveLow;
                low52At = b.liveLowAt;
            }
            return new TickerView(market, last, today, prevClose, acc24[0], acc24[1], high52, high52At, low52, low52At);
        }
    }

    /** The orderbook around the last trade price: {@code units} levels per side, a full snapshot. */
    Orderbook orderbook(String market, int units) {
        return orderbook(market, units, 0);
    }

    /**
     * The orderbook with prices grouped into steps of {@code level} (0: no grouping), or null when
     * the level is not supported for the market: grouping exists for KRW markets only, in whole
     * multiples of the market's price unit.
     */
    Orderbook orderbook(String market, int units, double level) {
        MarketBook b = book(market);
        Trade last;
        synchronized (b) {
            last = b.lastTrade;
        }
        double p = last == null ? SeededHistory.roundToTick(b.spec.basePrice()) : last.price();
        long ts = last == null ? history.endMillis() : last.timestamp();
        long salt = last == null ? 0 : last.sequentialId();
        SplittableRandom r = new SplittableRandom(SeededHistory.mix(seed, SeededHistory.key(b.spec), salt, 0x0B00CL));
        double tick = SeededHistory.tick(p);
        double step = tick;
        long ticksPerStep = 1;
        if (level > 0) {
            double ratio = level / tick;
            if (!market.startsWith("KRW-") || ratio < 1 || Math.abs(ratio - Math.rint(ratio)) > 1e-9) {
                return null;
            }
            step = level;
            ticksPerStep = Math.round(ratio);
        }
        java.math.BigDecimal stepD = java.math.BigDecimal.valueOf(step);
        // asks start one price unit above the last trade, bids at it; grouped levels round outwards
        java.math.BigDecimal firstAsk = java.math.BigDecimal.valueOf(Math.ceil((p + tick) / step - 1e-9)).multiply(stepD);
        java.math.BigDecimal firstBid = java.math.BigDecimal.valueOf(Math.floor(p / step + 1e-9)).multiply(stepD);
        List<Orderbook.Unit> list = new ArrayList<>(units);
        for (int i = 0; i < units; i++) {
            java.math.BigDecimal k = java.math.BigDecimal.valueOf(i);
            double ask = firstAsk.add(stepD.multiply(k)).doubleValue();
            double bid = firstBid.subtract(stepD.multiply(k)).doubleValue();
            if (bid <= 0) {
                break;
            }
            double depth = Math.min(ticksPerStep, 50);
            list.add(new Orderbook.Unit(ask, bid, SeededHistory.volumeFor(p, r) * 3 * depth, SeededHistory.volumeFor(p, r) * 3 * depth));
        }
        return new Orderbook(market, ts, list, level);
    }

    /**
     * Candles of a period, newest first: at most {@code count} non-empty buckets starting before
     * {@code toExclusive}; buckets without trades are skipped.
     */
    List<Candle> candles(String market, CandlePeriod period, long toExclusive, int count) {
        MarketBook b = book(market);
        long now = clock.millis();
        long newest;
        synchronized (b) {
            newest = Math.max(now, b.lastTrade == null ? now : b.lastTrade.timestamp()) + 1;
        }
        long to = Math.min(toExclusive, newest);
        long floor = history.startMillis();
        if (period == CandlePeriod.SECOND_1) {
            floor = Math.max(floor, now - 90 * DAY); // Upbit keeps seconds candles for three months
        }
        MinuteMemo memo = new MinuteMemo(b.spec);
        List<Candle> out = new ArrayList<>();
        long bucket = period.bucketStart(to - 1);
        int budget = 5_000_000; // walking through empty time ends somewhere
        while (out.size() < count && period.nextStart(bucket) > floor && budget-- > 0) {
            TradeSummary s = bucketSummary(b, period, bucket, memo);
            if (!s.isEmpty()) {
                out.add(new Candle(market, period, bucket, s, Double.NaN));
            }
            bucket = period.previousStart(bucket);
        }
        if (period == CandlePeriod.DAY) {
            return withPreviousClose(b, out, memo);
        }
        return out;
    }

    /** The previous UTC day's closing price for a trade at {@code millis} (Upbit's {@code prev_closing_price}). */
    double previousClose(String market, long millis) {
        MarketBook b = book(market);
        long day = Math.floorDiv(millis, DAY) * DAY;
        synchronized (b) {
            if (day == b.dayStart) {
                return b.prevClose;
            }
            if (day > b.dayStart && b.lastTrade != null) {
                return b.lastTrade.price();
            }
        }
        MinuteMemo memo = new MinuteMemo(b.spec);
        for (long d = day - DAY; d >= history.startMillis() - DAY && d >= day - 30 * DAY; d -= DAY) {
            TradeSummary s = bucketSummary(b, CandlePeriod.DAY, d, memo);
            if (!s.isEmpty()) {
                return s.close;
            }
        }
        return SeededHistory.roundToTick(b.spec.basePrice());
    }

    /** The newest non-empty candle of a streamed period, as the WebSocket snapshot sends it. */
    Optional<Candle> latestCandle(String market, CandlePeriod period) {
        List<Candle> c = candles(market, period, Long.MAX_VALUE, 1);
        return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
    }

    /** The candle of a streamed period that the trade just updated. */
    Candle candleOf(Trade t, CandlePeriod period) {
        MarketBook b = book(t.market());
        synchronized (b) {
            Bucket current = b.current.get(period);
            return new Candle(t.market(), period, current.start, current.summary.copy(), Double.NaN);
        }
    }

    /**
     * Trades of the UTC day starting at {@code dayStart}, newest first, before {@code toExclusive}
     * and (if not null) with a sequential id below {@code cursor}.
     */
    List<Trade> trades(String market, long dayStart, long toExclusive, Long cursor, int count) {
        MarketBook b = book(market);
        long now = clock.millis();
        long end;
        synchronized (b) {
            end = Math.min(Math.min(toExclusive, dayStart + DAY), Math.max(now, b.lastTrade == null ? now : b.lastTrade.timestamp()) + 1);
        }
        List<Trade> out = new ArrayList<>();
        MinuteMemo memo = new MinuteMemo(b.spec);
        for (long m = Math.floorDiv(end - 1, MINUTE) * MINUTE; m >= dayStart && out.size() < count; m -= MINUTE) {
            List<Trade> minute = memo.trades(b, m);
            for (int i = minute.size() - 1; i >= 0 && out.size() < count; i--) {
                Trade t = minute.get(i);
                if (t.timestamp() < end && (cursor == null || t.sequentialId() < cursor)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    // ---- internals -----------------------------------------------------------------------

    private MarketBook book(String market) {
        MarketBook b = books.get(market);
        if (b == null) {
            throw new IllegalArgumentException("market not listed: " + market);
        }
        return b;
    }

    private Trade nextTrade(MarketBook b) {
        synchronized (publishLock) {
            double price;
            double volume;
            boolean ask;
            synchronized (b) {
                double last = b.lastTrade == null ? b.spec.basePrice() : b.lastTrade.price();
                price = SeededHistory.roundToTick(last * Math.exp(0.0008 * b.random.nextGaussian()));
                volume = SeededHistory.volumeFor(price, b.random);
                ask = b.random.nextBoolean();
            }
            return apply(b, price, volume, ask);
        }
    }

    private Trade apply(MarketBook b, double price, double volume, boolean ask) {
        synchronized (publishLock) {
            Trade t;
            synchronized (b) {
                long ts = Math.max(clock.millis(), history.endMillis());
                if (b.lastLive != null) {
                    ts = Math.max(ts, b.lastLive.timestamp());
                }
                long seq = Math.max(ts * 1000, b.lastSeq + 1);
                b.lastSeq = seq;
                t = new Trade(b.spec.code(), ts, price, volume, ask, seq);
                for (CandlePeriod p : CandlePeriod.values()) {
                    if (!p.streamed()) {
                        continue;
                    }
                    long start = p.bucketStart(ts);
                    Bucket current = b.current.get(p);
                    if (current == null || current.start != start) {
                        // initialised exactly as a REST query would sum the bucket, so both agree to the last bit
                        current = new Bucket(start, bucketSummary(b, p, start, new MinuteMemo(b.spec)));
                        b.current.put(p, current);
                    }
                    current.summary.add(t);
                }
                long day = Math.floorDiv(ts, DAY) * DAY;
                if (day != b.dayStart) {
                    b.prevClose = b.lastTrade == null ? price : b.lastTrade.price();
                    b.dayStart = day;
                    b.today = new TradeSummary();
                }
                b.today.add(t);
                if (price > b.liveHigh) {
                    b.liveHigh = price;
                    b.liveHighAt = ts;
                }
                if (price < b.liveLow) {
                    b.liveLow = price;
                    b.liveLowAt = ts;
                }
                b.cumPrice += price * volume;
                b.cumVolume += volume;
                b.tape.add(new TapeEntry(t, b.cumPrice, b.cumVolume));
                if (b.tape.size() > maxLiveTrades) {
                    b.tape.subList(0, b.tape.size() - maxLiveTrades * 9 / 10).clear();
                }
                b.lastTrade = t;
                b.lastLive = t;
            }
            for (Consumer<Trade> l : listeners) {
                l.accept(t);
            }
            return t;
        }
    }

    /** The bucket's summary: the incremental one if it is a streamed period's current bucket, else summed. */
    private TradeSummary bucketSummary(MarketBook b, CandlePeriod p, long start, MinuteMemo memo) {
        long end = p.nextStart(start);
        long histEnd = history.endMillis();
        synchronized (b) {
            Bucket current = b.current.get(p);
            if (current != null && current.start == start) {
                return current.summary.copy();
            }
        }
        TradeSummary s = new TradeSummary();
        if (start < histEnd) {
            if (p == CandlePeriod.SECOND_1) {
                for (Trade t : memo.trades(b, Math.floorDiv(start, MINUTE) * MINUTE)) {
                    if (t.timestamp() >= start && t.timestamp() < end) {
                        s.add(t);
                    }
                }
                return s;
            }
            s.merge(history.range(b.spec, start, Math.min(end, histEnd)));
        }
        if (end > histEnd) {
            for (Trade t : liveTrades(b, Math.max(start, histEnd), end)) {
                s.add(t);
            }
        }
        return s;
    }

    private List<Trade> liveTrades(MarketBook b, long from, long to) {
        synchronized (b) {
            int i = lowerBound(b.tape, from);
            int j = lowerBound(b.tape, to);
            List<Trade> out = new ArrayList<>(Math.max(0, j - i));
            for (int k = i; k < j; k++) {
                out.add(b.tape.get(k).trade());
            }
            return out;
        }
    }

    private static int lowerBound(List<TapeEntry> tape, long ts) {
        int lo = 0;
        int hi = tape.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tape.get(mid).trade().timestamp() < ts) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Accumulated {price, volume} of the 24 hours up to {@code now}. Caller holds the book lock. */
    private double[] acc24h(MarketBook b, long now) {
        long from = now - DAY;
        long histEnd = history.endMillis();
        double price = 0;
        double volume = 0;
        if (from < histEnd) {
            if (b.historyCumPrice == null) {
                b.historyCumPrice = new double[1441];
                b.historyCumVolume = new double[1441];
                long t = histEnd - DAY;
                for (int i = 0; i < 1440; i++, t += MINUTE) {
                    TradeSummary m = history.minute(b.spec, t);
                    b.historyCumPrice[i + 1] = b.historyCumPrice[i] + m.accPrice;
                    b.historyCumVolume[i + 1] = b.historyCumVolume[i] + m.accVolume;
                }
            }
            int i = (int) Math.max(0, Math.min(1440, -Math.floorDiv(-(from - (histEnd - DAY)), MINUTE)));
            price += b.historyCumPrice[1440] - b.historyCumPrice[i];
            volume += b.historyCumVolume[1440] - b.historyCumVolume[i];
        }
        int i = lowerBound(b.tape, from);
        if (i < b.tape.size()) {
            double beforePrice = i == 0 ? b.tape.get(0).cumPrice() - b.tape.get(0).trade().price() * b.tape.get(0).trade().volume() : b.tape.get(i - 1).cumPrice();
            double beforeVolume = i == 0 ? b.tape.get(0).cumVolume() - b.tape.get(0).trade().volume() : b.tape.get(i - 1).cumVolume();
            price += b.cumPrice - beforePrice;
            volume += b.cumVolume - beforeVolume;
        }
        return new double[] {price, volume};
    }

    private List<Candle> withPreviousClose(MarketBook b, List<Candle> days, MinuteMemo memo) {
        List<Candle> out = new ArrayList<>(days.size());
        for (int i = 0; i < days.size(); i++) {
            Candle c = days.get(i);
            double prev;
            if (i + 1 < days.size()) {
                prev = days.get(i + 1).summary().close;
            } else {
                prev = c.summary().open;
                long bucket = CandlePeriod.DAY.previousStart(c.start());
                for (int k = 0; k < 30 && bucket >= history.startMillis(); k++) {
                    TradeSummary s = bucketSummary(b, CandlePeriod.DAY, bucket, memo);
                    if (!s.isEmpty()) {
                        prev = s.close;
                        break;
                    }
                    bucket = CandlePeriod.DAY.previousStart(bucket);
                }
            }
            out.add(new Candle(c.market(), c.period(), c.start(), c.summary(), prev));
        }
        return out;
    }

    /** Trades of one minute (history or live), remembered for the next call with the same minute. */
    private final class MinuteMemo {
        private final MarketSpec spec;
        private long minute = Long.MIN_VALUE;
        private List<Trade> trades = List.of();

        MinuteMemo(MarketSpec spec) {
            this.spec = spec;
        }

        List<Trade> trades(MarketBook b, long minuteStart) {
            if (minuteStart != minute) {
                minute = minuteStart;
                List<Trade> t = new ArrayList<>(history.tradesInMinute(spec, minuteStart));
                if (minuteStart + MINUTE > history.endMillis()) {
                    t.addAll(liveTrades(b, minuteStart, minuteStart + MINUTE));
                }
                trades = Collections.unmodifiableList(t);
            }
            return trades;
        }
    }

    private record TapeEntry(Trade trade, double cumPrice, double cumVolume) {
    }

    private static final class Bucket {
        final long start;
        final TradeSummary summary;

        Bucket(long start, TradeSummary summary) {
            this.start = start;
            this.summary = summary;
        }
    }

    /** One market's live state; guarded by its own monitor. */
    private final class MarketBook {
        final MarketSpec spec;
        final SplittableRandom random;
        final List<TapeEntry> tape = new ArrayList<>();
        final Map<CandlePeriod, Bucket> current = new EnumMap<>(CandlePeriod.class);
        double cumPrice;
        double cumVolume;
        Trade lastTrade;
        Trade lastLive;
        long lastSeq;
        long dayStart;
        TradeSummary today;
        double prevClose;
        double liveHigh = Double.NEGATIVE_INFINITY;
        long liveHighAt;
        double liveLow = Double.POSITIVE_INFINITY;
        long liveLowAt;
        double[] yearExtremes;
        double[] historyCumPrice;
        double[] historyCumVolume;

        MarketBook(MarketSpec spec) {
            this.spec = spec;
            this.random = new SplittableRandom(SeededHistory.mix(seed, SeededHistory.key(spec), 0x11FEL));
            this.lastTrade = history.lastTrade(spec);
            this.lastSeq = lastTrade == null ? 0 : lastTrade.sequentialId();
            this.dayStart = Math.floorDiv(history.endMillis(), DAY) * DAY;
            this.today = history.day(spec, dayStart);
            this.prevClose = SeededHistory.roundToTick(spec.basePrice());
            for (long d = dayStart - DAY; d >= history.startMillis() && d >= dayStart - 30 * DAY; d -= DAY) {
                TradeSummary s = history.day(spec, d);
                if (!s.isEmpty()) {
                    prevClose = s.close;
                    break;
                }
            }
        }
    }
}
