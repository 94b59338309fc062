package io.upbitrouter.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A pre-generated burst of WebSocket frames in Upbit's DEFAULT format (the simulator's format),
 * with a realistic mix over many markets: every trade is followed by a ticker, orderbooks change
 * often, 1m candles at most once a second per market; a small share of frames is sent twice, as
 * Upbit does after reconnects, so the consumer's deduplication works. Every frame of a key carries
 * a strictly newer timestamp than the one before, so the final state of each cache key is known:
 * {@link #finalVersions()} lets a benchmark tell that every frame was decoded and cached.
 */
public final class FrameMix {

    /** The newest (candle time, timestamp) a key reaches in this burst. */
    public record Version(long timestamp, String candleTimeUtc) {
    }

    private static final DateTimeFormatter CANDLE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter KST_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.ofHours(9));

    private final List<String> markets;
    private final List<byte[]> frames;
    private final Map<String, Version> finalVersions;
    private final int duplicates;
    private final long totalBytes;

    private FrameMix(List<String> markets, List<byte[]> frames, Map<String, Version> finalVersions, int duplicates) {
        this.markets = markets;
        this.frames = frames;
        this.finalVersions = finalVersions;
        this.duplicates = duplicates;
        this.totalBytes = frames.stream().mapToLong(f -> f.length).sum();
    }

    /** Market codes KRW-XAAA, KRW-XAAB, ... (valid Upbit code shape, never real listings). */
    public static List<String> syntheticMarkets(int count) {
        List<String> codes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            codes.add("KRW-X" + (char) ('A' + i / 676 % 26) + (char) ('A' + i / 26 % 26) + (char) ('A' + i % 26));
        }
        return codes;
    }

    /**
     * Generates {@code count} frames over the markets, timestamps starting at {@code baseMillis}
     * (give each run a later base so a replay is new data, not duplicates).
     */
    public static FrameMix generate(List<String> markets, int count, long baseMillis, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = markets.size();
        long[] clock = new long[n];          // per market: last event time used
        long[] sequence = new long[n];
        double[] price = new double[n];
        String[] lastFrameOfKey = new String[n * 4];
        long[] candleMinute = new long[n];
        double[] candleOpen = new double[n];
        double[] candleHigh = new double[n];
        double[] candleLow = new double[n];
        double[] candleVolume = new double[n];
        for (int i = 0; i < n; i++) {
            clock[i] = baseMillis;
            price[i] = 1000 + random.nextInt(90_000_000);
            candleMinute[i] = baseMillis / 60_000;
            candleOpen[i] = candleHigh[i] = candleLow[i] = price[i];
        }
        List<byte[]> frames = new ArrayList<>(count);
        Map<String, Version> versions = new LinkedHashMap<>();
        int duplicates = 0;
        StringBuilder sb = new StringBuilder(2048);
        while (frames.size() < count) {
            int m = random.nextInt(n);
            String code = markets.get(m);
            int roll = random.nextInt(100);
            if (roll < 2) {
                // an exact duplicate of the last frame sent for one of this market's keys
                String last = lastFrameOfKey[m * 4 + random.nextInt(4)];
                if (last != null) {
                    frames.add(last.getBytes(StandardCharsets.UTF_8));
                    duplicates++;
                }
                continue;
            }
            clock[m] += 1 + random.nextInt(3);
            long ts = clock[m];
            sb.setLength(0);
            if (roll < 40) {
                // a trade, then the ticker it moved
                price[m] = Math.max(1, price[m] * (1 + (random.nextDouble() - 0.5) / 500));
                double volume = random.nextDouble() * 2;
                sequence[m]++;
                trade(sb, code, ts, price[m], volume, ts * 1000 + (sequence[m] % 1000));
                String trade = sb.toString();
                // a trade's cache entry is ordered by its trade time (trade_timestamp = ts - 1), as a REST tick's timestamp
                add(frames, versions, lastFrameOfKey, m, 1, "trade:" + code, trade, new Version(ts - 1, null));
                candleVolume[m] += volume;
                candleHigh[m] = Math.max(candleHigh[m], price[m]);
                candleLow[m] = Math.min(candleLow[m], price[m]);
                if (frames.size() >= count) {
                    break;
                }
                clock[m]++;
                ts = clock[m];
                sb.setLength(0);
                ticker(sb, code, ts, price[m], volume);
                add(frames, versions, lastFrameOfKey, m, 0, "ticker:" + code, sb.toString(), new Version(ts, null));
            } else if (roll < 92) {
                orderbook(sb, code, ts, price[m], random);
                add(frames, versions, lastFrameOfKey, m, 2, "orderbook:" + code, sb.toString(), new Version(ts, null));
            } else {
                long minute = ts / 60_000;
                if (minute != candleMinute[m]) {
                    candleMinute[m] = minute;
                    candleOpen[m] = candleHigh[m] = candleLow[m] = price[m];
                    candleVolume[m] = 0;
                }
                String candleTime = CANDLE_TIME.format(Instant.ofEpochMilli(minute * 60_000));
                String kst = KST_TIME.format(Instant.ofEpochMilli(minute * 60_000));
                candle(sb, code, ts, candleTime, kst, candleOpen[m], candleHigh[m], candleLow[m], price[m], candleVolume[m]);
                add(frames, versions, lastFrameOfKey, m, 3, "candle:1m:" + code, sb.toString(), new Version(ts, candleTime));
            }
        }
        return new FrameMix(List.copyOf(markets), frames, versions, duplicates);
    }

    private static void add(List<byte[]> frames, Map<String, Version> versions, String[] lastFrameOfKey, int market,
                            int slot, String key, String frame, Version version) {
        frames.add(frame.getBytes(StandardCharsets.UTF_8));
        versions.remove(key);   // keeps the keys in the order of their final frame
        versions.put(key, version);
        lastFrameOfKey[market * 4 + slot] = frame;
    }

    /** A KRW price as Upbit prints it: whole won. */
    private static long won(double price) {
        return Math.round(price);
    }

    /** A size or volume as Upbit prints it: at most 8 decimals. */
    private static double size(double value) {
        return Math.round(value * 1e8) / 1e8;
    }

    private static void ticker(StringBuilder sb, String code, long ts, double price, double volume) {
        String date = CANDLE_TIME.format(Instant.ofEpochMilli(ts));
        sb.append("{\"type\":\"ticker\",\"code\":\"").append(code)
                .append("\",\"opening_price\":").append(won(price * 0.99))
                .append(",\"high_price\":").append(won(price * 1.02))
                .append(",\"low_price\":").append(won(price * 0.97))
                .append(",\"trade_price\":").append(won(price))
                .append(",\"prev_closing_price\":").append(won(price * 0.995))
                .append(",\"acc_trade_price\":").append(won(price * 812.5))
                .append(",\"change\":\"RISE\",\"change_price\":").append(won(price * 0.005))
                .append(",\"signed_change_price\":").append(won(price * 0.005))
                .append(",\"change_rate\":0.005,\"signed_change_rate\":0.005,\"ask_bid\":\"BID\",\"trade_volume\":").append(size(volume))
                .append(",\"acc_trade_volume\":812.5,\"trade_date\":\"").append(date, 0, 4).append(date, 5, 7).append(date, 8, 10)
                .append("\",\"trade_time\":\"").append(date, 11, 13).append(date, 14, 16).append(date, 17, 19)
                .append("\",\"trade_timestamp\":").append(ts - 1)
                .append(",\"acc_ask_volume\":400.1,\"acc_bid_volume\":412.4,\"highest_52_week_price\":").append(won(price * 1.8))
                .append(",\"highest_52_week_date\":\"2026-03-14\",\"lowest_52_week_price\":").append(won(price * 0.4))
                .append(",\"lowest_52_week_date\":\"2025-12-01\",\"trade_status\":null,\"market_state\":\"ACTIVE\",")
                .append("\"market_state_for_ios\":null,\"is_trading_suspended\":false,\"delisting_date\":null,")
                .append("\"market_warning\":\"NONE\",\"timestamp\":").append(ts)
                .append(",\"acc_trade_price_24h\":").append(won(price * 1903.2))
                .append(",\"acc_trade_volume_24h\":1903.2,\"stream_type\":\"REALTIME\"}");
    }

    private static void trade(StringBuilder sb, String code, long ts, double price, double volume, long sequentialId) {
        String date = CANDLE_TIME.format(Instant.ofEpochMilli(ts));
        sb.append("{\"type\":\"trade\",\"code\":\"").append(code)
                .append("\",\"timestamp\":").append(ts)
                .append(",\"trade_date\":\"").append(date, 0, 10)
                .append("\",\"trade_time\":\"").append(date, 11, 19)
                .append("\",\"trade_timestamp\":").append(ts - 1)
                .append(",\"trade_price\":").append(won(price))
                .append(",\"trade_volume\":").append(size(volume))
                .append(",\"ask_bid\":\"BID\",\"prev_closing_price\":").append(won(price * 0.995))
                .append(",\"change\":\"RISE\",\"change_price\":").append(won(price * 0.005))
                .append(",\"sequential_id\":").append(sequentialId)
                .append(",\"stream_type\":\"REALTIME\"}");
    }

    private static void orderbook(StringBuilder sb, String code, long ts, double price, SplittableRandom random) {
        sb.append("{\"type\":\"orderbook\",\"code\":\"").append(code)
                .append("\",\"timestamp\":").append(ts)
                .append(",\"total_ask_size\":").append(size(random.nextDouble() * 100))
                .append(",\"total_bid_size\":").append(size(random.nextDouble() * 100))
                .append(",\"orderbook_units\":[");
        for (int i = 0; i < 15; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"ask_price\":").append(won(price * (1 + 0.001 * (i + 1))))
                    .append(",\"bid_price\":").append(won(price * (1 - 0.001 * (i + 1))))
                    .append(",\"ask_size\":").append(size(random.nextDouble() * 5))
                    .append(",\"bid_size\":").append(size(random.nextDouble() * 5)).append('}');
        }
        sb.append("],\"stream_type\":\"REALTIME\",\"level\":0}");
    }

    private static void candle(StringBuilder sb, String code, long ts, String utc, String kst, double open, double high,
                               double low, double close, double volume) {
        sb.append("{\"type\":\"candle.1m\",\"code\":\"").append(code)
                .append("\",\"candle_date_time_utc\":\"").append(utc)
                .append("\",\"candle_date_time_kst\":\"").append(kst)
                .append("\",\"opening_price\":").append(won(open))
                .append(",\"high_price\":").append(won(high))
                .append(",\"low_price\":").append(won(low))
                .append(",\"trade_price\":").append(won(close))
                .append(",\"candle_acc_trade_volume\":").append(size(volume))
                .append(",\"candle_acc_trade_price\":").append(size(volume * close))
                .append(",\"timestamp\":").append(ts)
                .append(",\"stream_type\":\"REALTIME\"}");
    }

    public List<String> markets() {
        return markets;
    }

    public List<byte[]> frames() {
        return frames;
    }

    public int size() {
        return frames.size();
    }

    public int duplicates() {
        return duplicates;
    }

    public long totalBytes() {
        return totalBytes;
    }

    /** Cache key to the newest version it reaches in this burst, in the order of each key's final frame. */
    public Map<String, Version> finalVersions() {
        return finalVersions;
    }

    /** One snapshot frame per (type, market), for answering a subscription. */
    public static byte[] snapshotTicker(String code, long ts, double price) {
        StringBuilder sb = new StringBuilder(1024);
        ticker(sb, code, ts, price, 0.5);
        return sb.toString().replace("\"REALTIME\"", "\"SNAPSHOT\"").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] snapshotTrade(String code, long ts, double price) {
        StringBuilder sb = new StringBuilder(512);
        trade(sb, code, ts, price, 0.5, ts * 1000);
        return sb.toString().replace("\"REALTIME\"", "\"SNAPSHOT\"").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] snapshotOrderbook(String code, long ts, double price, long seed) {
        StringBuilder sb = new StringBuilder(2048);
        orderbook(sb, code, ts, price, new SplittableRandom(seed));
        return sb.toString().replace("\"REALTIME\"", "\"SNAPSHOT\"").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] snapshotCandle(String code, long ts, double price) {
        StringBuilder sb = new StringBuilder(512);
        long minute = ts / 60_000 * 60_000;
        candle(sb, code, ts, CANDLE_TIME.format(Instant.ofEpochMilli(minute)), KST_TIME.format(Instant.ofEpochMilli(minute)),
                price, price, price, price, 1.0);
        return sb.toString().replace("\"REALTIME\"", "\"SNAPSHOT\"").getBytes(StandardCharsets.UTF_8);
    }
}
