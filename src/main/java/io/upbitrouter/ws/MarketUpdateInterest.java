package io.upbitrouter.ws;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.support.TapInterest;

import java.util.Arrays;
import java.util.Set;
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
 * Thread-safe. {@link #wanted} runs on the stream's thread for every stored item ({@link TapInterest}).
 */
public final class MarketUpdateInterest extends TapInterest<MarketKey> {

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
