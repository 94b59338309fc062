package io.upbitrouter.ws;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.cache.RealtimeCache;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.util.concurrent.SynchronousExecutorService;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream's flow: every frame from the exchange is decoded and classified; market data is deduplicated
 * and offered to the realtime cache in REST shape (header {@code UpbitStored}: whether it was newer and stored), and
 * a stored item is wire-tapped to {@link UpbitRouterConstants#MARKET_UPDATES} while a route consumes it; keepalive answers are dropped; exchange errors and frames
 * that cannot be used go to the dead-letter route, which counts them per kind and logs each kind once.
 */
public class StreamIngestRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(StreamIngestRoutes.class);

    @Override
    public void configure() {
        StreamHealth health = lookup(UpbitRouterConstants.BEAN_STREAM_STATUS, StreamHealth.class);
        StreamFrameDecoder decoder = lookup(UpbitRouterConstants.BEAN_STREAM_FRAME_DECODER, StreamFrameDecoder.class);
        DeadLetterCounts deadLetters = lookup(UpbitRouterConstants.BEAN_DEAD_LETTER_COUNTS, DeadLetterCounts.class);
        IdempotentRepository deduplication = lookup(UpbitRouterConstants.BEAN_STREAM_DEDUPLICATION, IdempotentRepository.class);
        RealtimeCache cache = lookup(UpbitRouterConstants.BEAN_REALTIME_CACHE, RealtimeCache.class);
        SedaEndpoint updates = getContext().getEndpoint(UpbitRouterConstants.MARKET_UPDATES, SedaEndpoint.class);

        // frames are byte[] or String, never streams: stream caching would only look for a converter per frame
        from(UpbitRouterConstants.STREAM).routeId(UpbitRouterConstants.WS_INGEST_ROUTE_ID).routeConfigurationId(StreamErrorHandling.ID)
                .streamCache(false)
                .process(exchange -> health.frameReceived()).id("upbit-ws-liveness")
                .process(exchange -> exchange.getMessage().setBody(decoder.decode(exchange.getMessage().getBody())))
                .id("upbit-ws-decode")
                .choice()
                    .when(exchange -> frame(exchange).isStatus())
                        .process(exchange -> health.keepaliveAnswered()).id("upbit-ws-keepalive-answered")
                    .when(exchange -> frame(exchange).isData())
                        .to(UpbitRouterConstants.WS_STORE)
                    .otherwise()
                        .to(UpbitRouterConstants.WS_DEAD_LETTER)
                .end();

        from(UpbitRouterConstants.WS_STORE).routeId(UpbitRouterConstants.WS_STORE_ROUTE_ID).routeConfigurationId(StreamErrorHandling.ID)
                .streamCache(false)
                .process(exchange -> {
                    StreamFrame frame = frame(exchange);
                    exchange.getMessage().setHeader(UpbitRouterConstants.DEDUP_KEY, frame.deduplicationKey());
                    exchange.getMessage().setBody(frame.entry());
                })
                .idempotentConsumer(header(UpbitRouterConstants.DEDUP_KEY)).idempotentRepository(deduplication)
                    .skipDuplicate(true).id("upbit-ws-deduplicate")
                    .process(exchange -> {
                        CachedMarketData entry = entry(exchange);
                        boolean stored = cache.offer(entry);
                        if (stored) {
                            health.dataStored(entry);
                        }
                        exchange.getMessage().setHeader(UpbitRouterConstants.STORED, stored);
                    })
                    .id("upbit-ws-offer")
                .end()
                .filter(exchange -> updates.hasConsumers()
                        && exchange.getMessage().getHeader(UpbitRouterConstants.STORED, false, Boolean.class))
                    .id("upbit-ws-updates-consumed")
                    // on the ingest thread: an offer to a queue that drops when full costs less than a hand-over to
                    // a pool per item, and the stream never waits for a consumer
                    .wireTap(UpbitRouterConstants.MARKET_UPDATES).dynamicUri(false)
                        .executorService(new SynchronousExecutorService()).onPrepare(MarketUpdate::prepare).id("tap-market-updates")
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
