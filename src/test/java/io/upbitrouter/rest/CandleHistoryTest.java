package io.upbitrouter.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandleHistoryTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:30Z");
    private final MutableClock clock = new MutableClock(NOW);

    /** An exchange's one-minute candles up to now, newest first, with pages as Upbit serves them. */
    private static final class FakeExchange implements CandlePageSource {
        final List<Instant> starts = new ArrayList<>();
        final List<Instant> asked = new ArrayList<>();
        boolean inclusiveTo;
        boolean ignoresTo;

        FakeExchange(int minutes, Predicate<Integer> hasTrades) {
            Instant forming = NOW.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            for (int i = 0; i < minutes; i++) {
                if (hasTrades.test(i)) {
                    starts.add(forming.minus(Duration.ofMinutes(i)));
                }
            }
        }

        @Override
        public RestItems page(String market, CandleInterval interval, Instant to, int count) {
            asked.add(to);
            List<ObjectNode> page = new ArrayList<>();
            for (Instant s : starts) {
                boolean before = to == null || ignoresTo || s.isBefore(to) || (inclusiveTo && s.equals(to));
                if (before && page.size() < Math.min(count, 200)) {
                    page.add(candle(market, s));
                }
            }
            return new RestItems(page, "group=candles; min=600; sec=9");
        }

        List<Instant> newest(int n, Instant to) {
            return starts.stream().filter(s -> to == null || s.isBefore(to)).limit(n).toList();
        }
    }

    static ObjectNode candle(String market, Instant start) {
        return JsonNodeFactory.instance.objectNode().put("market", market)
                .put("candle_date_time_utc", LocalDateTime.ofInstant(start, ZoneOffset.UTC).toString().length() == 16
                        ? LocalDateTime.ofInstant(start, ZoneOffset.UTC) + ":00" : LocalDateTime.ofInstant(start, ZoneOffset.UTC).toString())
                .put("timestamp", start.toEpochMilli() + 59_000).put("unit", 1);
    }

    private CandleHistory history(FakeExchange exchange) {
        return new CandleHistory(exchange, new ClosedCandleStore(100, 20_000, Duration.ofHours(1)), clock, 2000);
    }

    private static List<Instant> starts(CandleHistory.Result r) {
        return r.candles().stream().map(ClosedCandleStore::candleStart).toList();
    }

    @Test
    void should_page_1000_candles_backwards_without_duplicates_or_holes() {
        FakeExchange exchange = new FakeExchange(5000, i -> true);
        CandleHistory.Result r = history(exchange).fetch("KRW-BTC", CandleInterval.MINUTES_1, 1000, null);
        assertEquals(exchange.newest(1000, null), starts(r));
        assertEquals(1000, new HashSet<>(starts(r)).size());
        assertEquals(5, r.upstreamPages());
        assertEquals(null, exchange.asked.get(0));
        assertEquals(starts(r).get(199), exchange.asked.get(1), "the next page's to is the oldest candle of the last");
    }

    @Test
    void should_keep_gaps_as_gaps_and_stop_when_history_runs_out() {
        FakeExchange exchange = new FakeExchange(700, i -> i % 3 != 0);
        CandleHistory.Result r = history(exchange).fetch("KRW-BTC", CandleInterval.MINUTES_1, 1000, null);
        assertEquals(exchange.starts, starts(r), "every existing candle, none invented");
        assertEquals(3, r.upstreamPages(), "200 + 200 + a short page of 66: then stop");
    }

    @Test
    void should_stop_on_an_empty_page() {
        FakeExchange exchange = new FakeExchange(400, i -> true);
        CandleHistory.Result r = history(exchange).fetch("KRW-BTC", CandleInterval.MINUTES_1, 1000, null);
        assertEquals(400, r.candles().size());
        assertEquals(3, r.upstreamPages());
    }

    @Test
    void should_not_loop_when_the_exchange_ignores_to() {
        FakeExchange exchange = new FakeExchange(1000, i -> true);
        exchange.ignoresTo = true;
        CandleHistory.Result r = history(exchange).fetch("KRW-BTC", CandleInterval.MINUTES_1, 1000, null);
        assertEquals(200, r.candles().size());
        assertEquals(2, r.upstreamPages(), "the second page added nothing: stop");
    }

    @Test
    void should_drop_the_seam_candle_when_the_exchange_treats_to_as_inclusive() {
        FakeExchange exchange = new FakeExchange(2000, i -> true);
        exchange.inclusiveTo = true;
        CandleHistory.Result r = history(exchange).fetch("KRW-BTC", CandleInterval.MINUTES_1, 600, null);
        assertEquals(600, new HashSet<>(starts(r)).size());
        assertEquals(exchange.newest(600, null), starts(r));
    }

    @Test
    void should_answer_a_repeated_history_request_from_closed_candles() {
        FakeExchange exchange = new FakeExchange(3000, i -> i % 7 != 3);
        CandleHistory history = history(exchange);
        Instant to = NOW.minus(Duration.ofHours(2));
        CandleHistory.Result first = history.fetch("KRW-BTC", CandleInterval.MINUTES_1, 700, to);
        assertEquals(exchange.newest(700, to), starts(first));
        int calls = exchange.asked.size();
        clock.advance(Duration.ofSeconds(5));

        CandleHistory.Result again = history.fetch("KRW-BTC", CandleInterval.MINUTES_1, 700, to);
        assertEquals(starts(first), starts(again));
        assertEquals(0, again.upstreamPages());
        assertEquals(calls, exchange.asked.size(), "nothing went upstream");

        CandleHistory.Result inside = history.fetch("KRW-BTC", CandleInterval.MINUTES_1, 100, to.minus(Duration.ofMinutes(30)));
        assertEquals(exchange.newest(100, to.minus(Duration.ofMinutes(30))), starts(inside));
        assertEquals(0, inside.upstreamPages());

        CandleHistory.Result longer = history.fetch("KRW-BTC", CandleInterval.MINUTES_1, 900, to);
        assertEquals(exchange.newest(900, to), starts(longer));
        assertEquals(1, longer.upstreamPages(), "only the part not held yet");
    }

    @Test
    void should_never_store_the_forming_candle() {
        FakeExchange exchange = new FakeExchange(300, i -> true);
        CandleHistory history = history(exchange);
        CandleHistory.Result r = history.fetch("KRW-BTC", CandleInterval.MINUTES_1, 5, null);
        assertEquals(NOW.truncatedTo(java.time.temporal.ChronoUnit.MINUTES), starts(r).get(0), "the forming candle is answered");
        // the boundary is 12:00:28 floored to the minute: 12:00 (forming) is not closed; 11:59 is
        assertEquals(4, history.store().size());
        ClosedCandleStore.Take take = history.store().take("KRW-BTC", CandleInterval.MINUTES_1,
                NOW.plus(Duration.ofMinutes(1)), 10);
        assertTrue(take.candles().isEmpty(), "no coverage reaches past the closed boundary");
        CandleHistory.Result again = history.fetch("KRW-BTC", CandleInterval.MINUTES_1, 5, null);
        assertEquals(1, again.upstreamPages(), "the latest always goes upstream: it may be forming");
    }

    @Test
    void should_treat_a_candle_as_closed_only_after_its_interval_and_the_settle_margin() {
        Instant boundary = ClosedCandleStore.closedBoundary(CandleInterval.MINUTES_1, Instant.parse("2026-01-01T12:01:01Z"), 2000);
        assertEquals(Instant.parse("2026-01-01T12:00:00Z"), boundary, "11:59 ended 61 s ago: closed; 12:00 ended 1 s ago: not settled");
        assertEquals(Instant.parse("2026-01-01T12:01:00Z"),
                ClosedCandleStore.closedBoundary(CandleInterval.MINUTES_1, Instant.parse("2026-01-01T12:01:02Z"), 2000));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"),
                ClosedCandleStore.closedBoundary(CandleInterval.DAYS, Instant.parse("2026-01-01T12:01:02Z"), 2000));
    }
}
