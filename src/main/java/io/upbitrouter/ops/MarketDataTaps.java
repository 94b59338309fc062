package io.upbitrouter.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.ws.StreamEndpoints;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * The hooks the route templates listen on, fed without touching the router or the stream routes:
 * <ul>
 *   <li>{@link #MARKET_UPDATES}: every stream item the realtime cache stored (newer than what it held),
 *       body the item in Upbit's REST shape as the cache's Jackson {@code ObjectNode} (shared with the cache:
 *       read it, do not change it; {@code toString()} is its JSON text, which the
 *       {@code upbit-forward-market-updates} template sends on), headers {@code UpbitKey} ({@code ticker:KRW-BTC}),
 *       {@code UpbitType} ({@code ticker}, {@code trade}, {@code orderbook}, {@code candle}),
 *       {@code UpbitSymbol}, {@code UpbitEventTime};</li>
 *   <li>{@link #DECISIONS}: every answered request, body JSON
 *       {@code {"type":"TICKER","priority":"NORMAL","results":[{"symbol":..,"source":..,"reason":..,"age_ms":..}]}}.</li>
 * </ul>
 * Both are seda queues with several consumers; nothing is built or sent while no route consumes them,
 * and a full queue drops the update rather than slowing the stream or the caller.
 */
public class MarketDataTaps extends EventNotifierSupport {

    private static final String OPTIONS = "?multipleConsumers=true&size=10000&discardWhenFull=true"
            + "&waitForTaskToComplete=Never";
    /** Stream items stored in the cache; consume with {@code from(MarketDataTaps.MARKET_UPDATES)}. */
    public static final String MARKET_UPDATES = "seda:upbit-market-updates" + OPTIONS;
    /** Routing decisions of answered requests; consume with {@code from(MarketDataTaps.DECISIONS)}. */
    public static final String DECISIONS = "seda:upbit-decisions" + OPTIONS;

    /** The stream's store route, whose answers say whether the cache took the item ({@code UpbitStored}). */
    private static final String STORE_ENDPOINT = StreamEndpoints.STORE.replace("direct:", "direct://");
    private static final ObjectMapper JSON = new ObjectMapper();
    private volatile SedaEndpoint updates;
    private volatile SedaEndpoint decisions;
    private volatile ProducerTemplate template;

    public MarketDataTaps() {
        // everything is ignored by default; Camel emits the sent event only to notifiers that took the sending one
        setIgnoreExchangeEvents(false);
        setIgnoreExchangeSendingEvents(false);
        setIgnoreExchangeSentEvents(false);
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        updates = getCamelContext().getEndpoint(MARKET_UPDATES, SedaEndpoint.class);
        decisions = getCamelContext().getEndpoint(DECISIONS, SedaEndpoint.class);
        template = getCamelContext().createProducerTemplate();
    }

    @Override
    protected void doStop() throws Exception {
        if (template != null) {
            template.stop();
        }
        super.doStop();
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        Endpoint endpoint = event instanceof CamelEvent.ExchangeSendingEvent sending ? sending.getEndpoint()
                : event instanceof CamelEvent.ExchangeSentEvent sent ? sent.getEndpoint() : null;
        if (endpoint == null || template == null) {
            return false;
        }
        String uri = endpoint.getEndpointUri();
        return uri.startsWith(UpbitMetrics.ROUTER_ENDPOINT) && decisions.hasConsumers()
                || uri.startsWith(STORE_ENDPOINT) && updates.hasConsumers();
    }

    @Override
    public void notify(CamelEvent event) {
        if (!(event instanceof CamelEvent.ExchangeSentEvent sent) || sent.getExchange().getException() != null) {
            return;
        }
        Exchange exchange = sent.getExchange();
        String uri = sent.getEndpoint().getEndpointUri();
        if (uri.startsWith(UpbitMetrics.ROUTER_ENDPOINT)
                && exchange.getMessage().getBody() instanceof MarketDataResponse response) {
            publishDecision(response);
        } else if (!uri.startsWith(UpbitMetrics.ROUTER_ENDPOINT)
                && Boolean.TRUE.equals(exchange.getMessage().getHeader(StreamEndpoints.STORED, Boolean.class))
                && exchange.getMessage().getBody() instanceof CachedMarketData entry) {
            publishUpdate(entry);
        }
    }

    private void publishUpdate(CachedMarketData entry) {
        String key = entry.key();
        int firstColon = key.indexOf(':');
        String type = firstColon < 0 ? key : key.substring(0, firstColon);
        String symbol = key.substring(key.lastIndexOf(':') + 1);
        // the tree, not its JSON text: a consumer's filter drops most items, and text is made on its thread
        template.sendBodyAndHeaders(updates, entry.restShape(), java.util.Map.of(
                "UpbitKey", key, "UpbitType", type, "UpbitSymbol", symbol, "UpbitEventTime", entry.eventTimeMillis()));
    }

    private void publishDecision(MarketDataResponse response) {
        ObjectNode record = JSON.createObjectNode();
        if (response.request() != null) {
            record.put("type", String.valueOf(response.request().type()));
            record.put("priority", String.valueOf(response.request().priority()));
        }
        ArrayNode results = record.putArray("results");
        for (SymbolResult result : response.results()) {
            results.addObject().put("symbol", result.symbol()).put("source", result.source().wireName())
                    .put("reason", String.valueOf(result.reason())).put("age_ms", result.ageMillis());
        }
        template.sendBodyAndHeader(decisions, record.toString(), "UpbitType", record.path("type").asText());
    }
}
