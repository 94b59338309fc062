package io.upbitrouter.api;

import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.ops.UpbitMetrics;
import io.upbitrouter.routing.CacheHit;
import io.upbitrouter.routing.DecisionsTap;
import io.upbitrouter.routing.MarketDataRouter;
import io.upbitrouter.routing.RequestValidator;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What both fast paths share, the facade's ({@link UpbitFastHits}) and the Java API's ({@link SmartRouter}): a request
 * validated by the router's {@link RequestValidator} and decided by {@link MarketDataRouter#cacheHit}, answered only
 * when the route would answer it wholly from the cache; the answer counted as the route counts it (the decision
 * counter, the {@code upbit.router.decisions} meters, the decisions tap while a route consumes it); and whether the
 * route the fast path stands in for is started (a stopped, suspended or removed route gets no answers here either).
 * Thread-safe; never blocks.
 */
final class CacheHitAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(CacheHitAnswers.class);

    private final CamelContext context;
    private final MarketDataRouter router;
    private final RequestValidator validator;
    private final UpbitMetrics metrics;
    private final DecisionsTap tap;
    /** The routes last seen started, by id. */
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    private CacheHitAnswers(CamelContext context, MarketDataRouter router, RequestValidator validator,
                            UpbitMetrics metrics) {
        this.context = context;
        this.router = router;
        this.validator = validator;
        this.metrics = metrics;
        this.tap = new DecisionsTap(context);
    }

    /** The module's parts in this context, or null when its router or validator is not there (yet). */
    static CacheHitAnswers lookUp(CamelContext context) {
        MarketDataRouter router = context.getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_MARKET_DATA_ROUTER,
                MarketDataRouter.class);
        RequestValidator validator = context.getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_REQUEST_VALIDATOR,
                RequestValidator.class);
        if (router == null || validator == null) {
            return null;
        }
        return new CacheHitAnswers(context, router, validator,
                context.getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_METRICS, UpbitMetrics.class));
    }

    /**
     * The request answered from the cache, or null when the route would do anything else; nothing is counted here
     * ({@link #count}, once the caller is sure to answer). A request the validator refuses throws its exception: the
     * caller leaves it to the route, which refuses it with its own error answer.
     */
    CacheHit hit(MarketDataRequest asked, boolean items) {
        return router.cacheHit(validator.validate(asked), items);
    }

    /** Counts an answer as the route counts its CACHE answers. */
    void count(CacheHit hit) {
        router.record(hit.response());
        if (metrics != null) {
            metrics.recordAnswer(hit.response());
        }
        try {
            tap.publish(hit.response());
        } catch (RuntimeException e) {
            // a tap never fails an answer (the route's wire tap does not either)
            LOG.debug("decisions tap: {}", e.toString());
        }
    }

    /** Whether the route is there and started (its consumer: a stopped or suspended route is not). */
    boolean started(String routeId) {
        Route route = routes.get(routeId);
        if (route == null || !ServiceHelper.isStarted(route.getConsumer())) {
            // first look, or the route was stopped, removed or added again: look it up anew
            route = context.getRoute(routeId);
            if (route == null) {
                return false;
            }
            routes.put(routeId, route);
        }
        return ServiceHelper.isStarted(route.getConsumer());
    }
}
