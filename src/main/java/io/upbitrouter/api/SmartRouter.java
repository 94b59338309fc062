package io.upbitrouter.api;

import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.MarketDataException;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The module's Java API, mirroring the strategy guide's calls. Every call is asynchronous: it sends
 * the request to {@code direct:upbit-market-data} and returns at once. The future completes with the
 * router's {@link MarketDataResponse} (one result per symbol, in the order asked, each saying its
 * source and age), or completes exceptionally with the {@link MarketDataException} the router threw
 * (unwrapped: {@code future.exceptionally(e -> ...)} sees the MarketDataException itself). A failure
 * that is not a MarketDataException arrives as a MarketDataException with status 500 whose cause it is.
 * Thread-safe; one instance per CamelContext is enough (bound as {@code upbitSmartRouter}).
 */
public class SmartRouter {

    /** The endpoint every call goes through. */

    private final ProducerTemplate template;

    public SmartRouter(CamelContext camelContext) {
        this(camelContext.createProducerTemplate());
    }

    public SmartRouter(ProducerTemplate template) {
        this.template = template;
    }

    public CompletableFuture<MarketDataResponse> getTicker(List<String> symbols) {
        return getTicker(symbols, RealtimePriority.NORMAL);
    }

    public CompletableFuture<MarketDataResponse> getTicker(List<String> symbols, RealtimePriority priority) {
        return request(new MarketDataRequest(MarketDataType.TICKER, symbols, null, 1, null, priority));
    }

    /** Candles: {@code count} items per symbol, newest first, before {@code to} (exclusive; null for the latest). */
    public CompletableFuture<MarketDataResponse> getCandles(List<String> symbols, CandleInterval interval, int count,
                                                            Instant to) {
        return getCandles(symbols, interval, count, to, RealtimePriority.NORMAL);
    }

    public CompletableFuture<MarketDataResponse> getCandles(List<String> symbols, CandleInterval interval, int count,
                                                            Instant to, RealtimePriority priority) {
        return request(new MarketDataRequest(MarketDataType.CANDLES, symbols, interval, count, to, priority));
    }

    /** Candles by interval code: {@code 1s}, {@code 1m} ... {@code 240m}, {@code 1d}, {@code 1w}, {@code 1M}, {@code 1y}. */
    public CompletableFuture<MarketDataResponse> getCandles(List<String> symbols, String interval, int count, Instant to) {
        return CandleInterval.fromCode(interval)
                .map(i -> getCandles(symbols, i, count, to))
                .orElseGet(() -> CompletableFuture.failedFuture(
                        new io.upbitrouter.model.InvalidRequestException("interval", "unknown interval " + interval)));
    }

    /** The latest trade per symbol. */
    public CompletableFuture<MarketDataResponse> getTrades(List<String> symbols) {
        return getTrades(symbols, 1, null, RealtimePriority.NORMAL);
    }

    /** Trades: {@code count} ticks per symbol, newest first, before {@code to} (exclusive; null for the latest). */
    public CompletableFuture<MarketDataResponse> getTrades(List<String> symbols, int count, Instant to) {
        return getTrades(symbols, count, to, RealtimePriority.NORMAL);
    }

    public CompletableFuture<MarketDataResponse> getTrades(List<String> symbols, int count, Instant to,
                                                           RealtimePriority priority) {
        return request(new MarketDataRequest(MarketDataType.TRADES, symbols, null, count, to, priority));
    }

    public CompletableFuture<MarketDataResponse> getOrderbook(List<String> symbols) {
        return getOrderbook(symbols, RealtimePriority.NORMAL);
    }

    public CompletableFuture<MarketDataResponse> getOrderbook(List<String> symbols, RealtimePriority priority) {
        return request(new MarketDataRequest(MarketDataType.ORDERBOOK, symbols, null, 1, null, priority));
    }

    /** Any request, as built by the caller. */
    public CompletableFuture<MarketDataResponse> request(MarketDataRequest request) {
        CompletableFuture<MarketDataResponse> answer = new CompletableFuture<>();
        template.asyncRequestBody(UpbitRouterConstants.MARKET_DATA, request, MarketDataResponse.class).whenComplete((response, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(UpbitErrorAnswer.asMarketDataException(unwrap(failure)));
            } else {
                answer.complete(response);
            }
        });
        return answer;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
