package io.upbitrouter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.sim.UpbitSimulator;
import org.apache.camel.ProducerTemplate;
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
import java.util.stream.Collectors;

/**
 * Figure 2: a cached ticker read through the module's Java API (the request endpoint
 * {@code direct:upbit-market-data} with a {@link MarketDataRequest}; the same path SmartRouter
 * takes), for one symbol and for 20 symbols, next to the baseline: a direct Caffeine lookup of the
 * same entries. Upstream is the project's exchange simulator on 127.0.0.1.
 */
public class CachedReadBenchmark {

    static final int SYMBOLS = 20;

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
                cache.put(key, new CachedMarketData(key, node, now, now, null));
                keys.add(key);
            }
            oneKey = keys.get(0);
        }
    }

    /** The module on the exchange simulator (20 markets, live trades keep every ticker fresh), tickers subscribed. */
    @State(Scope.Benchmark)
    public static class ModuleState {
        UpbitSimulator server;
        ModuleUnderBench module;
        ProducerTemplate template;
        MarketDataRequest one;
        MarketDataRequest twenty;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            try {
                start();
            } catch (Exception | Error e) {
                // JMH skips the tear-down of a failed set-up: stop what started so the fork can exit
                tearDown();
                throw e;
            }
        }

        private void start() throws Exception {
            server = UpbitSimulator.builder().syntheticMarkets(SYMBOLS).tradesPerSecond(5).seed(7).build();
            server.start();
            module = ModuleUnderBench.start(Map.of("upbit.ws.url", server.wsUrl(), "upbit.rest.base-url", server.restBaseUrl()));
            List<String> markets = server.market().codes();
            markets.forEach(m -> module.demand().demand(MarketDataType.TICKER, null, m));
            ModuleUnderBench.Await.until(() -> markets.stream().allMatch(m -> module.cache().get("ticker:" + m).isPresent()),
                    30_000, "20 tickers cached");
            module.awaitHealthy(30_000);
            template = module.context().createProducerTemplate();
            one = new MarketDataRequest(MarketDataType.TICKER, List.of(markets.get(0)), null, 1, null, RealtimePriority.NORMAL);
            twenty = new MarketDataRequest(MarketDataType.TICKER, markets, null, 1, null, RealtimePriority.NORMAL);
            // the figure is about cached reads: say so if the router answered from elsewhere
            MarketDataResponse response = template.requestBody("direct:upbit-market-data", twenty, MarketDataResponse.class);
            Map<DataSource, Long> sources = response.results().stream()
                    .collect(Collectors.groupingBy(SymbolResult::source, Collectors.counting()));
            System.out.println("[reads] 20-symbol answer sources: " + sources + ", reason of first: "
                    + response.results().get(0).reason());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            if (module != null) {
                module.close();
            }
            if (server != null) {
                server.stop();
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
    public MarketDataResponse moduleOneSymbol(ModuleState state) {
        return state.template.requestBody("direct:upbit-market-data", state.one, MarketDataResponse.class);
    }

    @Benchmark
    public MarketDataResponse moduleTwentySymbols(ModuleState state) {
        return state.template.requestBody("direct:upbit-market-data", state.twenty, MarketDataResponse.class);
    }
}
