package io.upbitrouter.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.upbitrouter.model.CandleInterval;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Closed candles from earlier REST pages, which never change, with the time ranges they cover
 * completely. A range {@code [from, to)} is covered when a REST page proved that the exchange has exactly
 * these candles in it: gaps (intervals without trades) inside a covered range are real gaps, so the
 * store can answer a history request without going upstream. Only intervals of fixed length (seconds,
 * minutes, days) are stored; weeks, months and years follow the calendar and are always fetched.
 *
 * <p>One series per (market, interval) in a Caffeine cache bounded in series count and idle time; each
 * series is bounded in candles (a full series is dropped and refilled). Series are locked individually.
 */
public class ClosedCandleStore {

    /** A stored candle and when this process received it (epoch millis). */
    public record StoredCandle(Instant start, ObjectNode candle, long receivedMillis) {
    }

    /**
     * What the store can give before a cursor.
     *
     * @param candles     newest first, all starting before the cursor
     * @param nextCursor  where to continue (the start of the covered range when it ran out)
     * @param exhausted   the exchange has nothing older than what was given
     */
    public record Take(List<StoredCandle> candles, Instant nextCursor, boolean exhausted) {
    }

    private record SeriesKey(String market, CandleInterval interval) {
    }

    /** Marks "the exchange has nothing older": a short page covers everything before its cursor. */
    static final Instant BEGINNING = Instant.EPOCH;

    private final Cache<SeriesKey, Series> series;
    private final int maxCandlesPerSeries;

    public ClosedCandleStore(long maxSeries, int maxCandlesPerSeries, Duration expireAfterAccess) {
        this.series = Caffeine.newBuilder().maximumSize(maxSeries).expireAfterAccess(expireAfterAccess).build();
        this.maxCandlesPerSeries = maxCandlesPerSeries;
    }

    public static boolean storable(CandleInterval interval) {
        return switch (interval) {
            case WEEKS, MONTHS, YEARS -> false;
            default -> true;
        };
    }

    /**
     * The start of the oldest interval that may still change at {@code now}: every candle starting
     * before it has ended at least {@code settleMillis} ago. The margin covers the exchange's own
     * lag between a trade and its candle.
     */
    public static Instant closedBoundary(CandleInterval interval, Instant now, long settleMillis) {
        long t = now.toEpochMilli() - settleMillis;
        long len = interval.nominalLength().toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t, len) * len);
    }

    /** Parses a candle's {@code candle_date_time_utc}; null when absent or unreadable. */
    public static Instant candleStart(ObjectNode candle) {
        String text = candle.path("candle_date_time_utc").asText(null);
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.endsWith("Z") ? text.substring(0, text.length() - 1) : text)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Takes up to {@code count} covered candles before {@code cursor}, newest first; empty when not covered. */
    public Take take(String market, CandleInterval interval, Instant cursor, int count) {
        Series s = series.getIfPresent(new SeriesKey(market, interval));
        if (s == null || cursor == null) {
            return new Take(List.of(), cursor, false);
        }
        return s.take(cursor, count);
    }

    /**
     * Records a REST page asked with {@code cursor} (null = latest) for {@code asked} candles: the candles
     * starting before {@code min(cursor, boundary)} are stored and that range is marked covered, down to the
     * oldest candle of a full page, or to the beginning of history for a short one.
     */
    public void record(String market, CandleInterval interval, Instant cursor, int asked, List<ObjectNode> page,
                       Instant boundary, long receivedMillis) {
        if (!storable(interval)) {
            return;
        }
        Instant upper = cursor == null || cursor.isAfter(boundary) ? boundary : cursor;
        Instant oldest = null;
        List<StoredCandle> closed = new ArrayList<>();
        for (ObjectNode candle : page) {
            Instant start = candleStart(candle);
            if (start == null) {
                return; // an unreadable candle: trust nothing of this page
            }
            if (oldest == null || start.isBefore(oldest)) {
                oldest = start;
            }
            if (start.isBefore(upper)) {
                closed.add(new StoredCandle(start, candle, receivedMillis));
            }
        }
        Instant lower = page.size() < asked ? BEGINNING : oldest;
        if (lower == null || !lower.isBefore(upper)) {
            return;
        }
        series.asMap().computeIfAbsent(new SeriesKey(market, interval), k -> new Series())
                .add(lower, upper, closed, maxCandlesPerSeries);
    }

    /** Number of stored candles across series, for metrics and tests. */
    public long size() {
        return series.asMap().values().stream().mapToLong(Series::size).sum();
    }

    public void clear() {
        series.invalidateAll();
    }

    private static final class Series {
        private final NavigableMap<Instant, StoredCandle> candles = new TreeMap<>();
        /** Covered ranges: start -> end (exclusive), disjoint and merged. */
        private final NavigableMap<Instant, Instant> covered = new TreeMap<>();

        synchronized void add(Instant lower, Instant upper, List<StoredCandle> closed, int max) {
            if (candles.size() + closed.size() > max) {
                candles.clear();
                covered.clear();
            }
            for (StoredCandle c : closed) {
                candles.put(c.start(), c);
            }
            Instant from = lower;
            Instant to = upper;
            Map.Entry<Instant, Instant> before = covered.floorEntry(from);
            if (before != null && !before.getValue().isBefore(from)) {
                from = before.getKey();
                to = max(to, before.getValue());
                covered.remove(before.getKey());
            }
            Map.Entry<Instant, Instant> next = covered.ceilingEntry(from);
            while (next != null && !next.getKey().isAfter(to)) {
                to = max(to, next.getValue());
                covered.remove(next.getKey());
                next = covered.ceilingEntry(from);
            }
            covered.put(from, to);
        }

        synchronized Take take(Instant cursor, int count) {
            Map.Entry<Instant, Instant> range = covered.lowerEntry(cursor);
            if (range == null || range.getValue().isBefore(cursor)) {
                return new Take(List.of(), cursor, false);
            }
            List<StoredCandle> out = new ArrayList<>();
            for (StoredCandle c : candles.headMap(cursor, false).descendingMap().values()) {
                if (c.start().isBefore(range.getKey()) || out.size() == count) {
                    break;
                }
                out.add(c);
            }
            if (out.size() == count) {
                return new Take(out, out.get(out.size() - 1).start(), false);
            }
            return new Take(out, range.getKey(), range.getKey().equals(BEGINNING));
        }

        synchronized int size() {
            return candles.size();
        }

        private static Instant max(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }
    }
}
