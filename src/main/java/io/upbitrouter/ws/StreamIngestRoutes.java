package io.upbitrouter.ws;

import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.cache.RealtimeCache;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream's flow: every frame from the exchange is decoded and classified; market data is deduplicated
 * and offered to the realtime cache in REST shape (header {@code UpbitStored}: whether it was newer and stored); keepalive answers are dropped; exchange errors and frames
 * that cannot be used go to the dead-letter route, which counts them per kind and logs each kind once.
 */
public class StreamIngestRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(StreamIngestRoutes.class);

    @Override
    public void configure() {
        StreamHealth health = lookup("streamStatus", StreamHealth.class);
        StreamFrameDecoder decoder = lookup("upbitStreamFrameDecoder", StreamFrameDecoder.class);
        DeadLetterCounts deadLetters = lookup("upbitDeadLetterCounts", DeadLetterCounts.class);
        IdempotentRepository deduplication = lookup("upbitStreamDeduplication", IdempotentRepository.class);
        RealtimeCache cache = lookup("realtimeCache", RealtimeCache.class);

        // frames are byte[] or String, never streams: stream caching would only look for a converter per frame
        from(StreamEndpoints.STREAM).routeId("upbit-ws-ingest").routeConfigurationId(StreamErrorHandling.ID)
                .streamCache(false)
                .process(exchange -> health.frameReceived()).id("upbit-ws-liveness")
                .process(exchange -> exchange.getMessage().setBody(decoder.decode(exchange.getMessage().getBody())))
                .id("upbit-ws-decode")
                .choice()
                    .when(exchange -> frame(exchange).isStatus())
                        .process(exchange -> health.keepaliveAnswered()).id("upbit-ws-keepalive-answered")
                    .when(exchange -> frame(exchange).isData())
                        .to(StreamEndpoints.STORE)
                    .otherwise()
                        .to(StreamEndpoints.DEAD_LETTER)
                .end();

        from(StreamEndpoints.STORE).routeId("upbit-ws-store").routeConfigurationId(StreamErrorHandling.ID)
                .streamCache(false)
                .process(exchange -> {
                    StreamFrame frame = frame(exchange);
                    exchange.getMessage().setHeader(StreamEndpoints.DEDUP_KEY, frame.deduplicationKey());
                    exchange.getMessage().setBody(frame.entry());
                })
                .idempotentConsumer(header(StreamEndpoints.DEDUP_KEY)).idempotentRepository(deduplication)
                    .skipDuplicate(true).id("upbit-ws-deduplicate")
                    .process(exchange -> {
                        CachedMarketData entry = entry(exchange);
                        boolean stored = cache.offer(entry);
                        if (stored) {
                            health.dataStored(entry);
                        }
                        exchange.getMessage().setHeader(StreamEndpoints.STORED, stored);
                    })
                    .id("upbit-ws-offer")
                .end();

        from(StreamEndpoints.DEAD_LETTER).routeId("upbit-ws-dead-letter")
                .process(exchange -> {
                    Object body = exchange.getMessage().getBody();
                    String kind = body instanceof StreamFrame frame && frame.deadLetterKind() != null
                            ? frame.deadLetterKind()
                            : exchange.getMessage().getHeader(StreamEndpoints.DEAD_LETTER_KIND, "processing-failure", String.class);
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
            throw new IllegalStateException("Bean " + name + " (" + type.getSimpleName() + ") is not bound: add RealtimeConfiguration");
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
