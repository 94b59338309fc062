package io.upbitrouter.ws;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.cache.CachedMarketData;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.util.concurrent.SynchronousExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream's flow: every frame from the exchange is taken in one step ({@link StreamIngest}: liveness, decode,
 * and for market data the duplicate filter and the ordered offer to the realtime cache in REST shape; header
 * {@code UpbitStored}: whether it was newer and stored), then a stored item is wire-tapped to
 * {@link UpbitRouterConstants#MARKET_UPDATES} when a route consuming it wants the item ({@link MarketUpdateInterest}); keepalive answers are counted; exchange errors
 * and frames that cannot be used go to the dead-letter route, which counts them per kind and logs each kind once.
 * <p>
 * With {@code upbit.ws.ingest.fast-path} (the default) the stream's consumer runs the first step itself for every
 * frame and hands the route only the frames that need its later steps ({@link SupervisedClientConsumer}); an advice
 * on this route then sees those frames only. {@code upbit.ws.ingest.fast-path=false} sends every frame through it.
 */
public class StreamIngestRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(StreamIngestRoutes.class);

    @Override
    public void configure() {
        StreamHealth health = lookup(UpbitRouterConstants.BEAN_STREAM_STATUS, StreamHealth.class);
        StreamIngest ingest = lookup(UpbitRouterConstants.BEAN_STREAM_INGEST, StreamIngest.class);
        DeadLetterCounts deadLetters = lookup(UpbitRouterConstants.BEAN_DEAD_LETTER_COUNTS, DeadLetterCounts.class);
        MarketUpdateInterest interest = lookup(UpbitRouterConstants.BEAN_MARKET_UPDATE_INTEREST, MarketUpdateInterest.class);
        SedaEndpoint updates = getContext().getEndpoint(UpbitRouterConstants.MARKET_UPDATES, SedaEndpoint.class);
        // a stored item is tapped only when a route consuming the queue wants its key (one that declared nothing: all)
        interest.consumers(updates.getConsumers());
        ingest.storedItemsWanted(interest::wanted);
        // on the fast path the consumer hands those items to the queue itself, not through this route's wire tap
        MarketUpdateTap tap = new MarketUpdateTap(updates);
        try {
            getContext().addService(tap, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("the market updates' tap could not be added", e);
        }
        ingest.storedItemsTap(tap);

        // frames are byte[] or String, never streams: stream caching would only look for a converter per frame.
        // Decode, duplicate filter and offer are one step, not an idempotentConsumer and a second direct: route: per
        // frame those cost more than the decode (benchmarks.md, ingest); the filter keeps one item per stream key.
        from(UpbitRouterConstants.STREAM).routeId(UpbitRouterConstants.WS_INGEST_ROUTE_ID).routeConfigurationId(StreamErrorHandling.ID)
                .streamCache(false)
                .process(exchange -> {
                    StreamFrame frame = ingest.ingest(exchange.getMessage().getBody());
                    exchange.getMessage().setBody(frame);
                    if (frame.isData()) {
                        exchange.getMessage().setHeader(UpbitRouterConstants.STORED, frame.isStored());
                    }
                }).id(UpbitRouterConstants.STEP_INGEST_FRAME)
                .choice()
                    .when(exchange -> frame(exchange).isStatus())
                        .process(exchange -> health.keepaliveAnswered()).id("upbit-ws-keepalive-answered")
                    .when(exchange -> frame(exchange).isData())
                        .filter(exchange -> frame(exchange).isStored() && ingest.storedItemWanted(frame(exchange).entry().key()))
                            .id("upbit-ws-updates-consumed")
                            // on the ingest thread: an offer to a queue that drops when full costs less than a
                            // hand-over to a pool per item, and the stream never waits for a consumer
                            .setBody(exchange -> frame(exchange).entry())
                            .wireTap(UpbitRouterConstants.MARKET_UPDATES).dynamicUri(false)
                                .executorService(new SynchronousExecutorService()).onPrepare(MarketUpdate::prepare).id("tap-market-updates")
                        .end()
                    .endChoice()
                    .otherwise()
                        .to(UpbitRouterConstants.WS_DEAD_LETTER)
                .end();

        // data frames decoded elsewhere (a cluster member's replicated entries): the same filter, offer and tap
        from(UpbitRouterConstants.WS_STORE).routeId(UpbitRouterConstants.WS_STORE_ROUTE_ID).routeConfigurationId(StreamErrorHandling.ID)
                .streamCache(false)
                .process(exchange -> {
                    StreamFrame frame = ingest.store(frame(exchange));
                    exchange.getMessage().setBody(frame);
                    exchange.getMessage().setHeader(UpbitRouterConstants.STORED, frame.isStored());
                }).id("upbit-ws-store-frame")
                .filter(exchange -> frame(exchange).isStored() && ingest.storedItemWanted(frame(exchange).entry().key()))
                    .id("upbit-ws-store-updates-consumed")
                    .setBody(exchange -> frame(exchange).entry())
                    .wireTap(UpbitRouterConstants.MARKET_UPDATES).dynamicUri(false)
                        .executorService(new SynchronousExecutorService()).onPrepare(MarketUpdate::prepare).id("tap-stored-updates")
                .end();

        from(UpbitRouterConstants.WS_DEAD_LETTER).routeId(UpbitRouterConstants.WS_DEAD_LETTER_ROUTE_ID)
                .process(exchange -> {
                    Object body = exchange.getMessage().getBody();
                    String kind = body instanceof StreamFrame frame && frame.deadLetterKind() != null
                            ? frame.deadLetterKind()
                            : exchange.getMessage().getHeader(UpbitRouterConstants.DEAD_LETTER_KIND, "processing-failure", String.class);
                    if (deadLetters.record(kind)) {
                        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                        LOG.warn("Stream frame sent to dead letter, kind {} (logged once per kind, counted after): {}",
                                kind, body instanceof StreamFrame frame ? frame.excerpt() : cause);
                    }
                });
    }

    private <T> T lookup(String name, Class<T> type) {
        T bean = getContext().getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("Bean " + name + " (" + type.getSimpleName() + ") is not in the registry when the routes are built: RealtimeConfiguration binds it, so the module's"
                    + " configurations (UpbitRouterModule.configurations()) must be added to the host and processed before"
                    + " its routes are configured (Camel Main does this; a hand-assembled context must call each"
                    + " configuration's configure(context) after Camel's bean post-processor, as UpbitRouterContext does)");
        }
        return bean;
    }

    private static StreamFrame frame(Exchange exchange) {
        return exchange.getMessage().getBody(StreamFrame.class);
    }

    static CachedMarketData entry(Exchange exchange) {
        return exchange.getMessage().getBody(CachedMarketData.class);
    }
}
