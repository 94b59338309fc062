package io.upbitrouter.ws;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.protocol.MarketKey;
import org.apache.camel.spi.RouteIdAware;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the routes consuming the market-updates tap ({@link UpbitRouterConstants#MARKET_UPDATES}) want, so the stream
 * hands the tap only items some consumer asked for. A consumer route declares its interest under its route id
 * ({@link #declare}): the {@code upbit-forward-market-updates} template its {@code type} and {@code symbols}, the
 * local WebSocket's fan-out the streams its connected clients subscribed, the source Kamelets their markets. A stored
 * item is wanted when some route consuming the queue now either declared nothing (a user's own
 * {@code from(MARKET_UPDATES)}: it gets every item, as before) or declared an interest that takes the item's key.
 * Nothing consumes the queue: nothing is wanted.
 * <p>
 * Why: the queue hands every item to every consumer (a multicast on a pool), and the stream makes an exchange per
 * item it taps; a route that keeps tickers only would otherwise cost an exchange and a queue hand-over for every
 * trade, orderbook and candle (benchmarks.md, ingest). A consumer's own filter still decides what it forwards: the
 * interest only narrows what the stream offers, it never widens what a route receives beyond what the queue sends.
 * <p>
 * Thread-safe. {@link #wanted} runs on the stream's thread for every stored item: a walk over the queue's few
 * consumers and a map read each.
 */
public final class MarketUpdateInterest {

    private final Map<String, Predicate<MarketKey>> declared = new ConcurrentHashMap<>();
    private volatile Collection<? extends RouteIdAware> consumers = List.of();

    /**
     * The queue's consumers, a live view (the seda endpoint's own copy-on-write set), read on every {@link #wanted}.
     */
    public void consumers(Collection<? extends RouteIdAware> live) {
        this.consumers = live == null ? List.of() : live;
    }

    /** Declares what route {@code routeId} wants from the queue (replacing an earlier declaration). */
    public void declare(String routeId, Predicate<MarketKey> wants) {
        declared.put(routeId, wants);
    }

    /** Withdraws the route's declaration: while it still consumes the queue, it gets every item again. */
    public void withdraw(String routeId) {
        declared.remove(routeId);
    }

    /** Whether the route declared an interest. */
    public boolean declared(String routeId) {
        return declared.containsKey(routeId);
    }

    /** Whether any route consumes the queue. */
    public boolean consumed() {
        return !consumers.isEmpty();
    }

    /** Whether a stored item under {@code key} is wanted by some route consuming the queue now. */
    public boolean wanted(MarketKey key) {
        for (RouteIdAware consumer : consumers) {
            String routeId = consumer.getRouteId();
            Predicate<MarketKey> wants = routeId == null ? null : declared.get(routeId);
            if (wants == null || wants.test(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The interest of the forward template's parameters, the same test as its filter: {@code type} one of
     * {@code ticker}, {@code trade}, {@code orderbook}, {@code candle} (the {@code UpbitType} header's values, any
     * case) or {@code all}; {@code symbols} a comma list of market codes or {@code all}.
     */
    public static Predicate<MarketKey> ofTypeAndSymbols(String type, String symbols) {
        return of(type, null, symbols);
    }

    /**
     * As {@link #ofTypeAndSymbols}, and for candles of one interval only when {@code interval} ({@code 1m} ...) is
     * given (null or blank: any).
     */
    public static Predicate<MarketKey> of(String type, String interval, String symbols) {
        String wantedType = type == null ? "all" : type.trim();
        boolean anyType = "all".equalsIgnoreCase(wantedType);
        String wantedInterval = interval == null || interval.isBlank() ? null : interval.trim();
        Set<String> codes = symbols == null || "all".equalsIgnoreCase(symbols.trim()) ? null
                : Arrays.stream(symbols.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return key -> (anyType || wantedType.equalsIgnoreCase(key.typeName()))
                && (wantedInterval == null || key.interval() != null && wantedInterval.equals(key.interval().code()))
                && (codes == null || codes.contains(key.code()));
    }
}
