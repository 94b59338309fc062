package io.upbitrouter.api;

import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.routing.CacheHit;
import io.upbitrouter.routing.MarketDataRouter;
import io.upbitrouter.routing.RequestValidator;
import io.netty.buffer.Unpooled;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The facade's fast path ({@code upbit.facade.fast-hits}, on by default): a cache hit of {@code GET /v1/ticker},
 * {@code /v1/orderbook} or {@code /v1/trades/ticks} answered on the HTTP server's event loop, right after the
 * {@link UpbitHttpFrontDoor}'s checks (token, start-up, shutdown), without a Camel exchange: platform-http's consumer
 * would hand each request to a worker, copy its headers and make an exchange and a unit of work, which costs several
 * times the answer itself.
 * <p>
 * It answers only what the facade's route would answer from the cache, exactly as the route answers it: the request is
 * read by the route's own code ({@link UpbitQueryParameters}, {@link FacadeRequests}), validated by the router's
 * {@link RequestValidator} and decided by the router's {@link io.upbitrouter.routing.SourceDecision} on the same
 * inputs ({@link MarketDataRouter#cacheHit}); only when every symbol is decided CACHE does it answer, with the same
 * body (each entry's JSON bytes, written once per entry, in one array), the same headers ({@link UpbitResponseHeaders},
 * content type, {@code X-Data-Simulated} in simulator mode) and the same counting (the decision counter, the
 * {@code upbit.router.decisions} meters, the cache's read and the subscription demand, the decisions tap while a
 * route consumes it). Anything else goes on to the route unchanged ({@code ctx.next()}), with nothing counted here: a
 * miss, a stale entry, a stalled or unhealthy stream, LOW priority, a HIGH wait, REST-only parameters, a bad or
 * unknown parameter, a parameter given twice, several {@code X-Priority} headers, a request body, another method, a
 * path the server serves under a context path, and a route that is not started (the facade off, or stopped).
 * <p>
 * What it bypasses, by design: the facade's route and {@code upbit-market-data} (their advice and interceptors, and
 * Camel's own per-route meters, do not see these requests). Turn it off to send every request through the routes.
 * Thread-safe; never blocks (the router's look-ups, the cache, the demand and the tap's offer are all non-blocking).
 */
final class UpbitFastHits implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(UpbitFastHits.class);
    private static final CharSequence JSON_TYPE = HttpHeaders.createOptimized("application/json; charset=utf-8");
    private static final CharSequence TRUE = HttpHeaders.createOptimized("true");
    private static final String PRIORITY_HEADER = "X-Priority";

    /** A path the fast path answers: its route, and the parameters its route reads (any other: left to the route). */
    private record Path(String routeId, Set<String> parameters,
                        Function<UpbitQueryParameters, BiFunction<Function<String, String>, RealtimePriority, MarketDataRequest>> reader) {
    }

    private static final Map<String, Path> PATHS = Map.of(
            "/v1/ticker", new Path(UpbitRouterConstants.FACADE_TICKER_ROUTE_ID,
                    Set.of("markets", "count", "to", "priority"), p -> p::ticker),
            "/v1/orderbook", new Path(UpbitRouterConstants.FACADE_ORDERBOOK_ROUTE_ID,
                    Set.of("markets", "count", "level", "to", "priority"), p -> p::orderbook),
            "/v1/trades/ticks", new Path(UpbitRouterConstants.FACADE_TRADES_ROUTE_ID,
                    Set.of("market", "count", "to", "days_ago", "cursor", "priority"), p -> p::trades));

    private final CamelContext context;
    private volatile Parts parts;

    UpbitFastHits(CamelContext context) {
        this.context = context;
    }

    /**
     * The module's parts, looked up once the context has started (the front door calls this handler only then);
     * {@code answers} null when the module's router or validator is not in this context (nothing is answered here then).
     */
    private record Parts(CacheHitAnswers answers, UpbitQueryParameters params, FacadeRequests requests,
                         boolean simulated) {
    }

    /** An answer made and not yet counted or written. */
    private record Reply(Parts parts, CacheHit hit, Buffer body) {
    }

    @Override
    public void handle(RoutingContext ctx) {
        Reply reply;
        try {
            reply = reply(ctx);
        } catch (RuntimeException refused) {
            // a bad parameter, a refused or unknown market ...: the route answers it, with its error answer
            if (LOG.isTraceEnabled()) {
                LOG.trace("fast path left {} to the route: {}", ctx.request().path(), refused.toString());
            }
            reply = null;
        }
        if (reply == null) {
            ctx.next();
            return;
        }
        reply.parts().answers().count(reply.hit());
        MultiMap out = ctx.response().headers();
        UpbitResponseHeaders.write(reply.hit().response(), out::add);
        out.add(HttpHeaders.CONTENT_TYPE, JSON_TYPE);
        if (reply.parts().simulated()) {
            out.add(UpbitResponseHeaders.SIMULATED, TRUE);
        }
        ctx.response().end(reply.body());
    }

    /**
     * The answer when the route would answer the request wholly from the cache, else null; nothing is counted or written
     * here (only the cache hit's own reads and demand, as the route's decision makes them, once it is sure).
     */
    private Reply reply(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.method() != HttpMethod.GET) {
            return null;
        }
        Path path = PATHS.get(ctx.normalizedPath());
        String mount = ctx.mountPoint();
        if (path == null || (mount != null && !mount.isEmpty() && !"/".equals(mount)) || hasBody(request)) {
            return null;
        }
        Parts p = parts();
        if (p.answers() == null || !p.answers().started(path.routeId())) {
            return null;
        }
        List<String> priorities = request.headers().getAll(PRIORITY_HEADER);
        if (priorities.size() > 1) {
            return null;
        }
        QueryString query = QueryString.parse(request.query());
        if (!path.parameters().containsAll(query.names())) {
            return null;
        }
        CacheHit hit = p.answers().hit(p.requests().read(priorities.isEmpty() ? null : priorities.get(0),
                query::get, path.reader().apply(p.params())), false);
        return hit == null ? null : new Reply(p, hit, body(hit.entries()));
    }

    /**
     * The answer's array: {@code [} the entries' bytes, comma-separated {@code ]}, as Jackson writes the array; copied
     * once into an array of its own, which the buffer wraps.
     */
    static Buffer body(List<CachedMarketData> entries) {
        int length = 1 + Math.max(1, entries.size());
        for (CachedMarketData entry : entries) {
            length += entry.restJson().length;
        }
        byte[] body = new byte[length];
        body[0] = '[';
        int at = 1;
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            byte[] item = entries.get(i).restJson();
            System.arraycopy(item, 0, body, at, item.length);
            at += item.length;
        }
        body[at] = ']';
        return Buffer.buffer(Unpooled.wrappedBuffer(body));
    }

    /** A GET with a body is left to the route, which reads (and ignores) it; answering first would leave it unread. */
    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return (length != null && !"0".equals(length.trim())) || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private Parts parts() {
        Parts p = parts;
        if (p == null) {
            p = lookUpParts();
            if (p.answers() != null) {
                parts = p;
            }
        }
        return p;
    }

    private Parts lookUpParts() {
        Clock clock = context.getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_CLOCK, Clock.class);
        boolean simulated = context.getRegistry().lookupByName(UpbitRouterConstants.BEAN_SIMULATOR) != null;
        return new Parts(CacheHitAnswers.lookUp(context), new UpbitQueryParameters(clock == null ? Clock.systemUTC() : clock),
                FacadeRequests.configured(context), simulated);
    }
}
