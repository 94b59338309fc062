package io.upbitrouter.ws;

import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.app.UpbitRouterModule;
import io.upbitrouter.cache.RealtimeCache;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.sim.UpbitSimulator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The module assembled by Camel Main as the runnable does: the realtime beans bound by name and the stream working. */
class RealtimeModuleMainIT {

    @Test
    void should_bind_the_realtime_beans_and_stream_into_the_cache_under_camel_main() throws Exception {
        UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).tradesPerSecond(0).historyDays(1).build();
        sim.start();
        Main main = new Main();
        try {
            main.addInitialProperty("upbit.ws.url", sim.wsUrl());
            main.addInitialProperty("upbit.rest.base-url", sim.restBaseUrl());
            main.addInitialProperty("camel.main.routes-include-pattern", "classpath:none-for-this-test/*.yaml");
            UpbitRouterModule.configurations().forEach(c -> main.configure().addConfiguration(c));
            UpbitRouterModule.routeBuilders().forEach(r -> main.configure().addRoutesBuilder(r));
            main.start();

            RealtimeCache cache = main.getCamelContext().getRegistry().lookupByNameAndType("upbitRealtimeCache", RealtimeCache.class);
            StreamStatus status = main.getCamelContext().getRegistry().lookupByNameAndType("upbitStreamStatus", StreamStatus.class);
            SubscriptionDemand demand = main.getCamelContext().getRegistry().lookupByNameAndType("upbitSubscriptionDemand", SubscriptionDemand.class);
            assertNotNull(cache);
            assertNotNull(status);
            assertNotNull(demand);

            demand.demand(MarketDataType.TICKER, null, "KRW-BTC");
            io.upbitrouter.testsupport.Await.until("the snapshot reached the cache", Duration.ofSeconds(15),
                    () -> cache.get(MarketKey.ticker("KRW-BTC")).isPresent());
            assertTrue(status.isHealthy());
        } finally {
            main.stop();
            sim.stop();
        }
    }
}
