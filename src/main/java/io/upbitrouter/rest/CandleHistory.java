package io.upbitrouter.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.model.CandleInterval;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Candle history of any length: pages of at most 200 walked backwards with an exclusive UTC {@code to}
 * (the oldest candle of the previous page), joined newest first with no duplicate at the seams and no
 * invented candle in the gaps (an interval without trades has no candle, and stays absent). Paging
 * stops when the count is reached, a page comes back short or empty (the exchange has nothing older),
 * or a page adds nothing new; it never loops. Closed candles go to a {@link ClosedCandleStore}, and
 * covered ranges are answered from it before asking the exchange.
 */
public class CandleHistory {

    /**
     * The joined candles.
     *
     * @param candles       newest first, at most the count asked
     * @param upstreamPages how many pages went to the exchange (0 = all from the store)
     * @param oldestReceivedMillis receive time of the oldest information used (for the answer's age)
     * @param remainingReq  the last {@code Remaining-Req} seen, or null
     */
    public record Result(List<ObjectNode> candles, int upstreamPages, long oldestReceivedMillis, String remainingReq) {
    }

    private final CandlePageSource source;
    private final ClosedCandleStore store;
    private final Clock clock;
    private final long settleMillis;

    /**
     * @param settleMillis how long after its interval ends a candle counts as closed (the exchange may still
     *                     be adding a trade that arrived at the boundary)
     */
    public CandleHistory(CandlePageSource source, ClosedCandleStore store, Clock clock, long settleMillis) {
        this.source = source;
        this.store = store;
        this.clock = clock;
        this.settleMillis = settleMillis;
    }

    public ClosedCandleStore store() {
        return store;
    }

    /** Up to {@code count} candles starting before {@code to} (null = up to now, the forming candle included). */
    public Result fetch(String market, CandleInterval interval, int count, Instant to) {
        return fetch(market, interval, count, to, null);
    }

    /**
     * The same, with day candles' {@code converting_price_unit} (null: none). Converted candles carry a field the
     * stored ones lack, so they are neither answered from the store nor recorded in it.
     */
    public Result fetch(String market, CandleInterval interval, int count, Instant to, String convertingPriceUnit) {
        boolean stored = convertingPriceUnit == null;
        List<ObjectNode> out = new ArrayList<>(Math.min(count, 4096));
        Set<Instant> seen = new HashSet<>();
        Instant cursor = to;
        int pages = 0;
        long oldestReceived = clock.millis();
        String remainingReq = null;
        int guard = 2 * (count / UpbitQuotation.MAX_CANDLES_PER_PAGE) + 4;
        while (out.size() < count && guard-- > 0) {
            int want = count - out.size();
            ClosedCandleStore.Take take = stored ? store.take(market, interval, cursor, want)
                    : new ClosedCandleStore.Take(List.of(), cursor, false);
            if (!take.candles().isEmpty() || take.exhausted()) {
                for (ClosedCandleStore.StoredCandle c : take.candles()) {
                    if (seen.add(c.start())) {
                        out.add(c.candle());
                        oldestReceived = Math.min(oldestReceived, c.receivedMillis());
                    }
                }
                if (take.exhausted()) {
                    break;
                }
                cursor = take.nextCursor();
                if (out.size() >= count) {
                    break;
                }
            }
            // one extra after the first page: an exchange that treats to as inclusive repeats the seam candle
            int asked = Math.min(count - out.size() + (cursor == null ? 0 : 1), UpbitQuotation.MAX_CANDLES_PER_PAGE);
            Instant boundary = ClosedCandleStore.closedBoundary(interval, clock.instant(), settleMillis);
            RestItems page = source.page(market, interval, cursor, asked, convertingPriceUnit);
            pages++;
            remainingReq = page.remainingReq() != null ? page.remainingReq() : remainingReq;
            long received = clock.millis();
            if (stored) {
                store.record(market, interval, cursor, asked, page.items(), boundary, received);
            }
            Instant oldest = null;
            int added = 0;
            for (ObjectNode candle : page.items()) {
                Instant start = ClosedCandleStore.candleStart(candle);
                if (start == null || (cursor != null && !start.isBefore(cursor)) || !seen.add(start)) {
                    continue; // not before the cursor or already joined: a seam duplicate
                }
                if (out.size() < count) {
                    out.add(candle);
                    added++;
                }
                if (oldest == null || start.isBefore(oldest)) {
                    oldest = start;
                }
            }
            if (page.items().size() < asked || added == 0 || oldest == null) {
                break;
            }
            cursor = oldest;
        }
        out.sort((a, b) -> {
            Instant x = ClosedCandleStore.candleStart(a);
            Instant y = ClosedCandleStore.candleStart(b);
            return y.compareTo(x);
        });
        return new Result(out, pages, oldestReceived, remainingReq);
    }
}
