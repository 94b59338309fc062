package io.upbitrouter.ws;

import io.upbitrouter.osgi.UpbitRouterContext;
import io.upbitrouter.cache.CaffeineRealtimeCache;
import io.upbitrouter.ops.RealtimeUpkeepRoutes;
import io.upbitrouter.testsupport.MutableClock;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * The realtime part of the module (RealtimeConfiguration and the stream's route builders), assembled by the module's
 * own {@link UpbitRouterContext#assemble}, on a test clock, with the properties a test gives.
 */
public abstract class RealtimeTestSupport extends CamelTestSupport {

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** Properties of this test (upbit.ws.url and friends). */
    protected abstract Properties testProperties();

    /** Set here, not in configureContext: that runs in CamelTestSupport's constructor, before this class's fields exist. */
    @Override
    protected void doPreSetup() throws Exception {
        super.doPreSetup();
        camelContextConfiguration.withUseOverridePropertiesWithPropertiesComponent(testProperties());
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        registry.bind("upbitClock", clock);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        // the module's own assembly (as in a plain context, OSGi and the test extension), with the realtime parts only
        UpbitRouterContext.assemble(context, List.of(new RealtimeConfiguration()), List.of(new StreamErrorHandling(),
                new StreamIngestRoutes(), new StreamSubscriptionRoutes(), new RealtimeUpkeepRoutes()));
        return new RoutesBuilder[0];
    }

    protected CaffeineRealtimeCache cache() {
        return context.getRegistry().lookupByNameAndType("upbitRealtimeCache", CaffeineRealtimeCache.class);
    }

    protected StreamHealth health() {
        return context.getRegistry().lookupByNameAndType("upbitStreamStatus", StreamHealth.class);
    }

    protected StreamSubscriptions subscriptions() {
        return context.getRegistry().lookupByNameAndType("upbitSubscriptionDemand", StreamSubscriptions.class);
    }

    protected StreamSupervisor supervisor() {
        return context.getRegistry().lookupByNameAndType("upbitStreamSupervisor", StreamSupervisor.class);
    }

    protected DeadLetterCounts deadLetters() {
        return context.getRegistry().lookupByNameAndType("upbitDeadLetterCounts", DeadLetterCounts.class);
    }

    /** Polls until the condition holds, failing the test after the timeout. */
    protected static void awaitUntil(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        io.upbitrouter.testsupport.Await.until(what, timeout, condition);
    }

    /** Base properties: a fast but realistic stream set-up for tests. */
    protected static Properties baseProperties(String wsUrl) {
        Properties p = new Properties();
        p.setProperty("upbit.ws.url", wsUrl);
        p.setProperty("upbit.ws.warm-symbols", "none");
        p.setProperty("upbit.ws.reconnect-initial-ms", "20");
        p.setProperty("upbit.ws.reconnect-max-ms", "300");
        p.setProperty("upbit.ws.connect-timeout-ms", "2000");
        p.setProperty("upbit.ws.subscribe-period-ms", "200");
        p.setProperty("upbit.ws.keepalive-ms", "1000");
        p.setProperty("upbit.ws.watchdog-silence-ms", "5000");
        p.setProperty("upbit.ws.watchdog-period-ms", "50");
        p.setProperty("upbit.cache.upkeep-period-ms", "600000");
        p.setProperty("upbit.ws.idle-check-period-ms", "600000");
        return p;
    }
}
