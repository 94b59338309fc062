package io.upbitrouter.ws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Finds a stalled stream: a socket that stays open and answers PING while the exchange stops sending data, for
 * the whole connection or for some markets. Keepalive answers prove nothing here; only stored market data counts.
 * <p>
 * A subscribed market is a suspect when nothing was stored for it within the data-silence limit. Silence alone is
 * no alarm (an illiquid market can go minutes without a trade), so suspects are confirmed with one REST ticker call
 * for up to {@code maxMarketsPerProbe} of them, the longest silent first, and only when the ticker group has budget
 * to spare. A market is stalled when the exchange's latest trade is newer, by more than the tolerance, than anything
 * the stream delivered for it (ticker, trade, orderbook or candle: {@link StreamHealth#delivered}). A market answered as quiet is not asked again
 * within the silence limit, so a quiet subscription costs one ticker call per silence limit for up to
 * {@code maxMarketsPerProbe} quiet markets.
 * <p>
 * Remedy: the stalled markets are marked in {@link StreamHealth} (the router then answers them from REST, reason
 * {@code WS_STALLED}, until their data is stored again). When no data at all arrived on the connection within the
 * silence limit, the socket is replaced (and resubscribed on connect); when other markets still flow, the full
 * subscription is sent again on the same socket, which makes the exchange send fresh snapshots. Runs on one
 * scheduler thread; not for concurrent use.
 */
public class StreamStallProbe {

    private static final Logger LOG = LoggerFactory.getLogger(StreamStallProbe.class);

    /** What one round of the probe found. */
    public enum Outcome {
        /** The stream is not connected: that is the supervisor's and the watchdog's business. */
        NOT_CONNECTED,
        /** No subscribed market has been silent past the limit (or each was asked about recently). */
        NOTHING_SILENT,
        /** Suspects, but the ticker group has no budget to spare now: asked again next round. */
        NO_BUDGET,
        /** The REST call failed: asked again after the silence limit. */
        PROBE_FAILED,
        /** The exchange has nothing newer than the stream: quiet markets, no alarm. */
        QUIET,
        /** Some markets stalled while others flow: marked, subscription sent again. */
        MARKETS_STALLED,
        /** No data on the whole connection and the exchange went on: marked, socket replaced. */
        CONNECTION_STALLED
    }

    private final Clock clock;
    private final StreamHealth health;
    private final StreamSubscriptions subscriptions;
    private final ExchangeTradeTimes exchange;
    private final Consumer<String> replaceSocket;
    private final long silenceMillis;
    private final long toleranceMillis;
    private final int maxMarketsPerProbe;
    private final Map<String, Long> lastAsked = new ConcurrentHashMap<>();
    private final AtomicLong probeCalls = new AtomicLong();
    private long lastReplacedMillis = Long.MIN_VALUE / 2;

    /**
     * @param replaceSocket      closes the socket so that a new one is opened, with the reason
     * @param silenceMillis      data silence for a market before it is a suspect ({@code upbit.ws.stall.data-silence-ms})
     * @param toleranceMillis    how much newer the exchange's trade must be ({@code upbit.ws.stall.tolerance-ms}):
     *                           candles are pushed at most once a second, and clocks differ a little
     * @param maxMarketsPerProbe markets asked about in one REST call ({@code upbit.ws.stall.max-markets-per-probe})
     */
    public StreamStallProbe(Clock clock, StreamHealth health, StreamSubscriptions subscriptions,
                            ExchangeTradeTimes exchange,
                            Consumer<String> replaceSocket, long silenceMillis, long toleranceMillis, int maxMarketsPerProbe) {
        this.clock = clock;
        this.health = health;
        this.subscriptions = subscriptions;
        this.exchange = exchange;
        this.replaceSocket = replaceSocket;
        this.silenceMillis = silenceMillis;
        this.toleranceMillis = toleranceMillis;
        this.maxMarketsPerProbe = Math.max(1, maxMarketsPerProbe);
    }

    /** One round: find suspects, ask the exchange about the longest silent, act on stalls. */
    public Outcome probe() {
        if (!health.isConnected()) {
            return Outcome.NOT_CONNECTED;
        }
        long now = clock.millis();
        long connectedAt = health.connectedAtMillis();
        Map<String, Long> lastStored = new HashMap<>();
        Map<String, Long> tradedUntil = new HashMap<>();
        for (String market : subscriptions.wantedMarkets()) {
            // a market with nothing delivered is judged from the connect, when its snapshot should have come
            Optional<StreamHealth.MarketData> delivered = health.delivered(market);
            lastStored.put(market, delivered.map(StreamHealth.MarketData::storedAtMillis).orElse(connectedAt));
            tradedUntil.put(market, delivered.map(StreamHealth.MarketData::tradedUntilMillis).orElse(connectedAt));
        }
        health.retainMarkets(lastStored.keySet());
        lastAsked.keySet().retainAll(lastStored.keySet());
        List<String> suspects = new ArrayList<>();
        lastStored.forEach((market, stored) -> {
            if (now - stored > silenceMillis && now - lastAsked.getOrDefault(market, Long.MIN_VALUE / 2) > silenceMillis) {
                suspects.add(market);
            }
        });
        if (suspects.isEmpty()) {
            return Outcome.NOTHING_SILENT;
        }
        suspects.sort(Comparator.comparing(lastStored::get));
        List<String> asked = suspects.subList(0, Math.min(maxMarketsPerProbe, suspects.size()));
        Optional<Map<String, Long>> traded;
        try {
            traded = exchange.latestTradeTimes(List.copyOf(asked));
        } catch (RuntimeException e) {
            asked.forEach(market -> lastAsked.put(market, now));
            LOG.debug("Stall probe for {} failed: {}", asked, e.toString());
            return Outcome.PROBE_FAILED;
        }
        if (traded.isEmpty()) {
            return Outcome.NO_BUDGET;
        }
        probeCalls.incrementAndGet();
        asked.forEach(market -> lastAsked.put(market, now));
        List<String> stalled = new ArrayList<>();
        for (String market : asked) {
            Long exchangeTrade = traded.get().get(market);
            if (exchangeTrade != null && exchangeTrade > tradedUntil.get(market) + toleranceMillis) {
                stalled.add(market);
            }
        }
        if (stalled.isEmpty()) {
            return Outcome.QUIET;
        }
        boolean newlyStalled = stalled.stream().anyMatch(market -> !health.isStalled(market));
        health.markStalled(stalled);
        long lastData = health.lastDataMillis();
        if (lastData == Long.MIN_VALUE || now - lastData > silenceMillis) {
            if (!health.isConnectionStalled()) {
                LOG.warn("Upbit stream stalled: no data for {} ms while the exchange traded {} (PING still answered);"
                        + " answering from REST and replacing the socket", silenceMillis, stalled);
            }
            health.markConnectionStalled();
            // at most one new socket per silence limit while the exchange keeps the stream stalled
            if (now - lastReplacedMillis > silenceMillis) {
                lastReplacedMillis = now;
                replaceSocket.accept("stream stalled: the exchange is ahead of it for " + stalled);
            }
            return Outcome.CONNECTION_STALLED;
        }
        if (newlyStalled) {
            LOG.warn("Upbit stream stalled for {}: no data for {} ms while the exchange traded and other markets flow;"
                    + " answering them from REST and subscribing again", stalled, silenceMillis);
        }
        subscriptions.resendAll();
        return Outcome.MARKETS_STALLED;
    }

    /** REST calls the probe made since start. */
    public long probeCalls() {
        return probeCalls.get();
    }
}
