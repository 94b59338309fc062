package io.upbitrouter.bench;

import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.api.UpbitRouterConstants;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.SymbolResult;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import io.upbitrouter.api.SmartRouter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Figure 2: a cached ticker read through the module's Java API ({@link SmartRouter#getTicker},
 * which goes through {@code direct:upbit-market-data}), for one symbol and for 20 symbols, next to the baseline: a direct Caffeine lookup of the
 * same entries. Upstream is the project's exchange simulator on 127.0.0.1.
 */
public class CachedReadBenchmark {

    static final int SYMBOLS = 20;
    static final String CONSTANT_ROUTE = "direct:bench-constant-answer";

    /** The baseline: the same entries in a bare Caffeine cache. */
    @State(Scope.Benchmark)
    public static class CaffeineState {
        Cache<String, CachedMarketData> cache;
        List<String> keys;
        String oneKey;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            ObjectMapper mapper = new ObjectMapper();
            cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(60)).build();
            keys = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (String m : FrameMix.syntheticMarkets(SYMBOLS)) {
                ObjectNode node = (ObjectNode) mapper.readTree(FrameMix.snapshotTicker(m, now, 1000));
                String key = "ticker:" + m;
                cache.put(key, new CachedMarketData(MarketKey.ticker(m), node, now, now, null));
                keys.add(key);
            }
            oneKey = keys.get(0);
        }
    }

    /** The module on the exchange simulator (20 markets, live trades keep every ticker fresh), tickers subscribed. */
    @State(Scope.Benchmark)
    public static class ModuleState {
        SimulatedModule exchange;
        SmartRouter router;
        ProducerTemplate template;
        MarketDataRequest oneRequest;
        List<String> one;
        List<String> twenty;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            exchange = SimulatedModule.start(SYMBOLS, 5, false, Map.of());
            try {
                List<String> markets = exchange.markets();
                exchange.warmTickers(markets, 30_000);
                router = new SmartRouter(exchange.module.context());
                template = exchange.module.context().createProducerTemplate();
                one = List.of(markets.get(0));
                oneRequest = new MarketDataRequest(MarketDataType.TICKER, one, null, 1, null, RealtimePriority.NORMAL);
                twenty = markets;
                MarketDataResponse oneAnswer = template.requestBody(UpbitRouterConstants.MARKET_DATA, oneRequest,
                        MarketDataResponse.class);
                // the framework's floor in the same context (same host settings, meters and notifiers): a direct:
                // route whose one step sets a ready answer as the body
                exchange.module.context().addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from(CONSTANT_ROUTE).routeId("bench-constant-answer").process(e -> e.getMessage().setBody(oneAnswer));
                    }
                });
                // the figure is about cached reads: say so if the router answered from elsewhere
                MarketDataResponse response = router.getTicker(twenty).get(10, TimeUnit.SECONDS);
                Map<DataSource, Long> sources = response.results().stream()
                        .collect(Collectors.groupingBy(SymbolResult::source, Collectors.counting()));
                System.out.println("[reads] 20-symbol answer sources: " + sources + ", reason of first: "
                        + response.results().get(0).reason());
            } catch (Exception | Error e) {
                // JMH skips the tear-down of a failed set-up: stop what started so the fork can exit
                tearDown();
                throw e;
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (exchange != null) {
                exchange.close();
                exchange = null;
            }
        }
    }

    @Benchmark
    public CachedMarketData caffeineOneSymbol(CaffeineState state) {
        return state.cache.getIfPresent(state.oneKey);
    }

    @Benchmark
    public List<ObjectNode> caffeineTwentySymbols(CaffeineState state) {
        List<ObjectNode> items = new ArrayList<>(SYMBOLS);
        for (String key : state.keys) {
            CachedMarketData entry = state.cache.getIfPresent(key);
            if (entry != null) {
                items.add(entry.restShape());
            }
        }
        return items;
    }

    @Benchmark
    public MarketDataResponse moduleOneSymbol(ModuleState state) throws Exception {
        return state.router.getTicker(state.one).get(10, TimeUnit.SECONDS);
    }

    /** The same read on the caller's thread (no SmartRouter hand-off to the ProducerTemplate's pool). */
    @Benchmark
    public MarketDataResponse moduleOneSymbolSync(ModuleState state) {
        return state.template.requestBody(UpbitRouterConstants.MARKET_DATA, state.oneRequest, MarketDataResponse.class);
    }

    /** Baseline: the same call on a Camel {@code direct:} route that only sets a ready answer (the framework's floor). */
    @Benchmark
    public MarketDataResponse camelConstantSync(ModuleState state) {
        return state.template.requestBody(CONSTANT_ROUTE, state.oneRequest, MarketDataResponse.class);
    }

    @Benchmark
    public MarketDataResponse moduleTwentySymbols(ModuleState state) throws Exception {
        return state.router.getTicker(state.twenty).get(10, TimeUnit.SECONDS);
    }
}
