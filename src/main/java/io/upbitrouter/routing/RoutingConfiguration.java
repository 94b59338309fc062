package io.upbitrouter.routing;

import io.upbitrouter.api.UpbitRouterConstants;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.rest.CandleHistory;
import io.upbitrouter.rest.ClosedCandleStore;
import io.upbitrouter.rest.MarketList;
import io.upbitrouter.rest.RestBudget;
import io.upbitrouter.rest.RestGroup;
import io.upbitrouter.rest.RestSettings;
import io.upbitrouter.rest.UpbitHttpClientConfigurer;
import io.upbitrouter.rest.UpbitQuotation;
import io.upbitrouter.rest.UpbitRestClient;
import io.upbitrouter.ws.ExchangeTradeTimes;
import io.upbitrouter.ws.RealtimeConfiguration;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Binds the router's beans: {@code upbitRequestValidator}, {@code upbitSourceDecision}, {@code upbitRestBudget} (also the
 * {@link io.upbitrouter.rest.RestGroupStatus} health checks read), {@code upbitRestClient},
 * {@code upbitQuotation}, {@code upbitCandleHistory}, {@code upbitRoutingDecisionCounter}, {@code upbitMarketDataRouter}, {@code upbitMarketList},
 * {@code upbitDecisionsInterest} and {@code upbitHttpClientConfigurer}. Every tunable is an {@code upbit.*} property with its default here and a
 * comment in {@code config/application.properties}. Needs {@code upbitClock} bound before it.
 */
public class RoutingConfiguration implements CamelConfiguration {

    @PropertyInject(value = "upbit.ws.enabled", defaultValue = "true")
    private boolean wsEnabled;
    @PropertyInject(value = "upbit.cache.freshness-ms", defaultValue = "60000")
    private long freshnessMillis;
    @PropertyInject(value = "upbit.router.high-priority-wait-ms", defaultValue = "1000")
    private long highPriorityWaitMillis;
    @PropertyInject(value = "upbit.router.high-priority-freshness-ms", defaultValue = "0")
    private long highPriorityFreshnessMillis;
    @PropertyInject(value = "upbit.router.warm-cache-from-rest", defaultValue = "false")
    private boolean warmCacheFromRest;

    @PropertyInject(value = "upbit.rest.requests-per-second", defaultValue = "10")
    private int requestsPerSecond;
    @PropertyInject(value = "upbit.rest.window-ms", defaultValue = "1000")
    private long windowMillis;
    @PropertyInject(value = "upbit.rest.window-margin-ms", defaultValue = "100")
    private long windowMarginMillis;
    @PropertyInject(value = "upbit.rest.adaptive", defaultValue = "true")
    private boolean adaptive;
    @PropertyInject(value = "upbit.rest.adapt-hold-ms", defaultValue = "10000")
    private long adaptHoldMillis;
    @PropertyInject(value = "upbit.rest.adapt-increase-interval-ms", defaultValue = "1000")
    private long adaptIncreaseIntervalMillis;
    @PropertyInject(value = "upbit.rest.max-budget-wait-ms", defaultValue = "2000")
    private long maxBudgetWaitMillis;
    @PropertyInject(value = "upbit.rest.max-retries", defaultValue = "3")
    private int maxRetries;
    @PropertyInject(value = "upbit.rest.backoff-base-ms", defaultValue = "200")
    private long backoffBaseMillis;
    @PropertyInject(value = "upbit.rest.backoff-max-ms", defaultValue = "2000")
    private long backoffMaxMillis;
    @PropertyInject(value = "upbit.rest.ban-default-ms", defaultValue = "60000")
    private long banDefaultMillis;

    @PropertyInject(value = "upbit.markets.validate", defaultValue = "true")
    private boolean validateMarkets;
    @PropertyInject(value = "upbit.markets.refresh-ms", defaultValue = "3600000")
    private long marketsRefreshMillis;

    @PropertyInject(value = "upbit.history.max-count", defaultValue = "2000")
    private int historyMaxCount;
    @PropertyInject(value = "upbit.history.settle-ms", defaultValue = "2000")
    private long historySettleMillis;
    @PropertyInject(value = "upbit.history.max-series", defaultValue = "1000")
    private long historyMaxSeries;
    @PropertyInject(value = "upbit.history.max-candles-per-series", defaultValue = "20000")
    private int historyMaxCandlesPerSeries;
    @PropertyInject(value = "upbit.history.expire-after-access-ms", defaultValue = "3600000")
    private long historyExpireAfterAccessMillis;

    private RouterParts parts;

    /** The router's objects, built once with the first clock handed in. */
    private synchronized RouterParts parts(Clock clock) {
        if (parts == null) {
            RestBudget budget = new RestBudget(clock, requestsPerSecond, windowMillis, windowMarginMillis,
                    new RestBudget.Adaptation(adaptive, adaptHoldMillis, adaptIncreaseIntervalMillis));
            UpbitRestClient client = new UpbitRestClient(budget, new RestSettings(maxRetries, backoffBaseMillis,
                    backoffMaxMillis, maxBudgetWaitMillis, banDefaultMillis));
            UpbitQuotation quotation = new UpbitQuotation(client, clock);
            ClosedCandleStore store = new ClosedCandleStore(historyMaxSeries, historyMaxCandlesPerSeries,
                    Duration.ofMillis(historyExpireAfterAccessMillis));
            CandleHistory history = new CandleHistory(quotation, store, clock, historySettleMillis);
            SourceDecision decision = new SourceDecision(freshnessMillis, highPriorityFreshnessMillis);
            RoutingDecisionCounter counter = new RoutingDecisionCounter();
            MarketDataRouter router = new MarketDataRouter(decision, quotation, history, budget, counter, clock, wsEnabled,
                    highPriorityWaitMillis, warmCacheFromRest);
            MarketList markets = new MarketList(client, clock, marketsRefreshMillis);
            parts = new RouterParts(budget, client, quotation, history, decision, counter, router, markets);
        }
        return parts;
    }

    private record RouterParts(RestBudget budget, UpbitRestClient client, UpbitQuotation quotation, CandleHistory history,
                               SourceDecision decision, RoutingDecisionCounter counter, MarketDataRouter router,
                               MarketList markets) {
    }

    @BindToRegistry(UpbitRouterConstants.BEAN_REQUEST_VALIDATOR)
    public RequestValidator requestValidator(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        MarketList markets = parts(clock).markets();
        return new RequestValidator(historyMaxCount, clock, validateMarkets ? markets::admits : market -> true);
    }

    /** The exchange's market list; refreshed by the route {@code upbit-market-list} when {@code upbit.markets.validate}. */
    /** What the routes consuming the decisions tap want; an answered request becomes a record only when wanted. */
    @BindToRegistry(UpbitRouterConstants.BEAN_DECISIONS_INTEREST)
    public DecisionsInterest decisionsInterest() {
        return new DecisionsInterest();
    }

    @BindToRegistry(UpbitRouterConstants.BEAN_MARKET_LIST)
    public MarketList marketList(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        return parts(clock).markets();
    }

    @BindToRegistry(UpbitRouterConstants.BEAN_HTTP_CLIENT_CONFIGURER)
    public UpbitHttpClientConfigurer upbitHttpClientConfigurer() {
        return new UpbitHttpClientConfigurer();
    }

    @BindToRegistry(UpbitRouterConstants.BEAN_REST_BUDGET)
    public RestBudget restBudget(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        return parts(clock).budget();
    }

    @BindToRegistry(UpbitRouterConstants.BEAN_REST_CLIENT)
    public UpbitRestClient upbitRestClient(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        return parts(clock).client();
    }

    @BindToRegistry(UpbitRouterConstants.BEAN_QUOTATION)
    public UpbitQuotation upbitQuotation(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        return parts(clock).quotation();
    }

    @BindToRegistry(UpbitRouterConstants.BEAN_CANDLE_HISTORY)
    public CandleHistory candleHistory(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        return parts(clock).history();
    }

    @BindToRegistry(UpbitRouterConstants.BEAN_SOURCE_DECISION)
    public SourceDecision sourceDecision(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        return parts(clock).decision();
    }

    @BindToRegistry(UpbitRouterConstants.BEAN_DECISION_COUNTER)
    public RoutingDecisionCounter routingDecisionCounter(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        return parts(clock).counter();
    }

    @BindToRegistry(UpbitRouterConstants.BEAN_MARKET_DATA_ROUTER)
    public MarketDataRouter marketDataRouter(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        return parts(clock).router();
    }

    /** The stall probe's question to the exchange: one ticker call, only when the ticker group has budget to spare. */
    @BindToRegistry(UpbitRouterConstants.BEAN_EXCHANGE_TRADE_TIMES)
    public ExchangeTradeTimes exchangeTradeTimes(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        RouterParts p = parts(clock);
        return markets -> {
            if (p.budget().isRateLimited(RestGroup.TICKER)) {
                return Optional.empty();
            }
            Map<String, Long> traded = new HashMap<>();
            for (ObjectNode ticker : p.quotation().tickers(markets).items()) {
                if (ticker.path("trade_timestamp").canConvertToLong()) {
                    traded.put(ticker.path("market").asText(), ticker.get("trade_timestamp").asLong());
                }
            }
            return Optional.of(traded);
        };
    }
}
