package io.upbitrouter.api;

import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.MarketDataException;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.routing.CacheHit;
import io.upbitrouter.routing.MarketDataRouter;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.ProducerCache;
import org.apache.camel.support.cache.DefaultProducerCache;

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
 * <p>
 * An answer from the cache completes the future before the call returns, on the caller's thread, with no hand-off to
 * another thread; a request that needs the exchange continues on the router's bulkhead and completes there. So call
 * it from a thread that may do a little work (a worker), never from a Vert.x event loop. Thread-safe; one instance per
 * CamelContext is enough (bound as {@code upbitSmartRouter}).
 * <p>
 * Cache hits without an exchange ({@code upbit.api.fast-hits}, {@code true} by default): a request the route would
 * answer wholly from the cache is answered here, by the route's own validator and decision
 * ({@link MarketDataRouter#cacheHit}), with the same response (items copied, the caller's own), the same counting (the
 * decision counter, the {@code upbit.router.decisions} meters, the decisions tap) and the same subscription demand, as
 * long as {@code upbit-market-data} is started. Everything else (a miss, a stale entry, a stalled stream, LOW priority,
 * history, a refused request) goes through {@code direct:upbit-market-data} as before. What such a hit bypasses: the
 * route's exchange, so advice, interceptors and Camel's own per-route meters on {@code upbit-market-data} do not see
 * it. Set {@code upbit.api.fast-hits=false} to send every call through the route (tests that advise that route, for
 * instance).
 */
public class SmartRouter {

    /** The endpoint every call goes through. */

    private final CamelContext camelContext;
    private volatile Sender sender;

    /**
     * The endpoint and the producers sending to it, made on first use (the routes may not exist before); {@code hits}
     * the fast path's parts, null when {@code upbit.api.fast-hits} is off or the module's router is not in the context.
     */
    private record Sender(Endpoint endpoint, ProducerCache producers, CacheHitAnswers hits) {
    }

    public SmartRouter(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** Sends through the template's context (the template itself is not used: it hands each call to its pool). */
    public SmartRouter(ProducerTemplate template) {
        this(template.getCamelContext());
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
        try {
            Sender to = sender();
            MarketDataResponse hit = hit(to.hits(), request);
            if (hit != null) {
                answer.complete(hit);
                return answer;
            }
            Exchange exchange = to.endpoint().createExchange(ExchangePattern.InOut);
            exchange.getIn().setBody(request);
            // a producer cache rather than a ProducerTemplate's asyncRequestBody: the route starts on this thread
            // instead of the template's pool (one hand-off per call less; a cache hit never leaves this thread)
            to.producers().asyncSendExchange(to.endpoint(), ExchangePattern.InOut, null, null, exchange, new CompletableFuture<>())
                    .whenComplete((done, failure) -> {
                        Throwable error = failure != null ? failure : done.getException();
                        if (error != null) {
                            answer.completeExceptionally(UpbitErrorAnswer.asMarketDataException(unwrap(error)));
                        } else {
                            answer.complete(done.getMessage().getBody(MarketDataResponse.class));
                        }
                    });
        } catch (RuntimeException e) {
            answer.completeExceptionally(UpbitErrorAnswer.asMarketDataException(unwrap(e)));
        }
        return answer;
    }

    /** The answer from the cache without the route, or null when the route is to answer (or the fast path is off). */
    private static MarketDataResponse hit(CacheHitAnswers hits, MarketDataRequest request) {
        if (hits == null || request == null || !hits.started(UpbitRouterConstants.MARKET_DATA_ROUTE_ID)) {
            return null;
        }
        CacheHit hit;
        try {
            hit = hits.hit(request, true);
        } catch (RuntimeException refused) {
            return null; // refused by the validator or the decision: the route refuses it with its own error answer
        }
        if (hit == null) {
            return null;
        }
        hits.count(hit);
        return hit.response();
    }

    private Sender sender() {
        Sender s = sender;
        if (s == null) {
            synchronized (this) {
                if (sender == null) {
                    ProducerCache producers = new DefaultProducerCache(this, camelContext, 1);
                    try {
                        // stopped with the context
                        camelContext.addService(producers, true, true);
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot start the router's producer", e);
                    }
                    boolean fastHits = Boolean.parseBoolean(camelContext.resolvePropertyPlaceholders(
                            "{{" + UpbitRouterConstants.PROPERTY_API_FAST_HITS + ":true}}").trim());
                    sender = new Sender(camelContext.getEndpoint(UpbitRouterConstants.MARKET_DATA), producers,
                            fastHits ? CacheHitAnswers.lookUp(camelContext) : null);
                }
                s = sender;
            }
        }
        return s;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
