package io.upbitrouter.ops;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.InvalidRequestException;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.routing.DecisionsInterestPolicy;
import io.upbitrouter.routing.RequestValidator;
import io.upbitrouter.ws.SubscriptionDemand;
import org.apache.camel.Exchange;
import io.upbitrouter.ws.StoredItemsFeed;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.RoutePolicy;

import java.util.Arrays;
import java.util.Locale;

/**
 * The module's reusable pieces as route templates, to instantiate with {@code templatedRoute} in YAML
 * (see {@code routes/}) or {@code TemplatedRouteBuilder} in Java:
 * <ul>
 *   <li>{@code upbit-keep-warm}: keeps {@code symbols} subscribed on the stream so their requests are
 *       answered from the cache (re-demanded every {@code period} ms, before the idle unsubscribe);
 *       {@code type} TICKER (default), TRADES, ORDERBOOK or CANDLES with {@code interval} ({@code 1m} ...).</li>
 *   <li>{@code upbit-forward-market-updates}: sends every stream item stored in the cache to {@code to}
 *       (any Camel endpoint URI: {@code log:}, {@code file:}, {@code kafka:} ...), optionally only of one
 *       {@code type} ({@code ticker}, {@code trade}, {@code orderbook}, {@code candle}; {@code all} by default)
 *       and {@code symbols} (comma list; {@code all} by default). Body: the item as Upbit REST JSON. The route
 *       consumes a queue of its own, which the stream feeds with those items only ({@link StoredItemsFeed}).</li>
 *   <li>{@code upbit-forward-decisions}: sends routing decisions (one JSON record per answered request: type,
 *       priority, and per symbol source, reason and age) to {@code to}: of every request, or with {@code sources}
 *       ({@code rest,history-cache} ...) of those whose answer took a symbol from one of them; no record is made of
 *       the others ({@link DecisionsInterestPolicy}).</li>
 *   <li>{@code upbit-poll}: every {@code period} ms asks the router for {@code type}/{@code symbols}
 *       ({@code interval}, {@code count}, {@code priority}) and sends the answer as Upbit JSON to {@code to}.</li>
 * </ul>
 */
public class UpbitRouteTemplates extends RouteBuilder {

    public static final String KEEP_WARM = UpbitRouterConstants.TEMPLATE_KEEP_WARM;
    public static final String FORWARD_MARKET_UPDATES = UpbitRouterConstants.TEMPLATE_FORWARD_MARKET_UPDATES;
    public static final String FORWARD_DECISIONS = UpbitRouterConstants.TEMPLATE_FORWARD_DECISIONS;
    public static final String POLL = UpbitRouterConstants.TEMPLATE_POLL;
    /** The decisions template's local bean: its route's {@link DecisionsInterestPolicy}. */
    private static final String DECISIONS_INTEREST_BEAN = "decisionsInterest";
    /** The forward template's local bean: its route's {@link StoredItemsFeed}. */
    private static final String FORWARD_FEED_BEAN = "feed";
    /** The forward template route's own queue, one consumer; the stream's hand-over drops when it is full. */
    static final String FORWARD_FEED_QUEUE = "seda:upbit-forward-{{" + FORWARD_FEED_BEAN + "}}"
            + "?size=10000&discardWhenFull=true&waitForTaskToComplete=Never";

    @Override
    public void configure() {
        routeTemplate(KEEP_WARM)
                .templateParameter("symbols", null, "comma separated market codes to keep subscribed")
                .templateParameter("type", "TICKER", "TICKER, TRADES, ORDERBOOK or CANDLES")
                .templateParameter("interval", "1m", "candle interval when type is CANDLES")
                .templateParameter("period", "30000", "milliseconds between demands")
                .from("timer:upbit-keep-warm?delay=0&period={{period}}")
                    .setHeader("UpbitWarmType", constant("{{type}}"))
                    .setHeader("UpbitWarmInterval", constant("{{interval}}"))
                    .setBody(constant("{{symbols}}"))
                    .process(UpbitRouteTemplates::demand);

        routeTemplate(FORWARD_MARKET_UPDATES)
                .templateParameter("to", null, "endpoint URI that receives each update")
                .templateParameter("type", "all", "ticker, trade, orderbook, candle or all")
                .templateParameter("symbols", "all", "comma separated market codes, or all")
                // a queue of this route's own, which the stream feeds with the items of type and symbols while the
                // route runs (named after the local bean's id: upbit-forward-feed-1 ...)
                .templateBean(FORWARD_FEED_BEAN, RoutePolicy.class, template -> new StoredItemsFeed(
                        parameter(template, "type"), null, parameter(template, "symbols")))
                .from(FORWARD_FEED_QUEUE)
                    .routePolicyRef("{{" + FORWARD_FEED_BEAN + "}}")
                    // once per stored stream item: bodies are trees and text, never streams
                    .streamCache(false)
                    // no filter: the queue is this route's alone, and the feed hands it the items of type and symbols only
                    .process(UpbitRouteTemplates::jsonText)
                    .to("{{to}}");

        routeTemplate(FORWARD_DECISIONS)
                .templateParameter("to", null, "endpoint URI that receives each decision record")
                .templateParameter("sources", "all",
                        "all, or a comma list of websocket, rest, history-cache: the records whose answer took a symbol from one")
                // declares the sources while the route runs: no record is made for it of any other answer
                .templateBean(DECISIONS_INTEREST_BEAN, RoutePolicy.class,
                        template -> new DecisionsInterestPolicy(parameter(template, "sources")))
                .from(UpbitRouterConstants.DECISIONS)
                    .routePolicyRef("{{" + DECISIONS_INTEREST_BEAN + "}}")
                    // the queue hands this route every record another consumer wanted too: the policy is the filter
                    .filter().ref("{{" + DECISIONS_INTEREST_BEAN + "}}")
                        .to("{{to}}");

        routeTemplate(POLL)
                .templateParameter("symbols", null, "comma separated market codes")
                .templateParameter("type", "TICKER", "TICKER, TRADES, ORDERBOOK or CANDLES")
                .templateParameter("interval", "1m", "candle interval when type is CANDLES")
                .templateParameter("count", "1", "items per symbol")
                .templateParameter("priority", "NORMAL", "HIGH, NORMAL or LOW")
                .templateParameter("period", "5000", "milliseconds between requests")
                .templateParameter("to", null, "endpoint URI that receives each answer")
                .from("timer:upbit-poll?delay=0&period={{period}}")
                    .setHeader("UpbitPollType", constant("{{type}}"))
                    .setHeader("UpbitPollSymbols", constant("{{symbols}}"))
                    .setHeader("UpbitPollInterval", constant("{{interval}}"))
                    .setHeader("UpbitPollCount", constant("{{count}}"))
                    .setHeader("UpbitPollPriority", constant("{{priority}}"))
                    .process(UpbitRouteTemplates::pollRequest)
                    .to(UpbitRouterConstants.MARKET_DATA)
                    .setBody(method(UpbitRouteTemplates.class, "upbitJson"))
                    .to("{{to}}");
    }

    /** A template parameter's value for a template bean, its property placeholders resolved as in the route. */
    private static String parameter(org.apache.camel.RouteTemplateContext template, String name) {
        return template.getCamelContext().resolvePropertyPlaceholders(template.getProperty(name, String.class));
    }

    /** Demands each symbol of the body from the stream. */
    static void demand(Exchange exchange) {
        SubscriptionDemand demand = exchange.getContext().getRegistry()
                .lookupByNameAndType(UpbitRouterConstants.BEAN_SUBSCRIPTION_DEMAND, SubscriptionDemand.class);
        if (demand == null) {
            return;
        }
        MarketDataType type = parseType(exchange.getMessage().getHeader("UpbitWarmType", String.class));
        CandleInterval interval = type == MarketDataType.CANDLES
                ? CandleInterval.fromCode(exchange.getMessage().getHeader("UpbitWarmInterval", String.class))
                        .filter(CandleInterval::streamable)
                        .orElseThrow(() -> new InvalidRequestException("interval", "a streamed candle interval (1s ... 240m)"))
                : null;
        Arrays.stream(exchange.getMessage().getBody(String.class).split(","))
                .map(String::trim).filter(s -> !s.isEmpty())
                .forEach(symbol -> demand.demand(type, interval, symbol));
    }

    /** The tapped item (a Jackson tree) as its JSON text, made only for the updates a forward wants. */
    static void jsonText(Exchange exchange) {
        if (exchange.getMessage().getBody() instanceof com.fasterxml.jackson.databind.JsonNode item) {
            exchange.getMessage().setBody(io.upbitrouter.protocol.ExactJson.text(item));
        }
    }

    /** Builds the poll's request through the router's validator, so a bad parameter fails like any request. */
    static void pollRequest(Exchange exchange) {
        org.apache.camel.Message message = exchange.getMessage();
        String type = message.getHeader("UpbitPollType", String.class);
        RequestValidator validator = exchange.getContext().getRegistry()
                .lookupByNameAndType(UpbitRouterConstants.BEAN_REQUEST_VALIDATOR, RequestValidator.class);
        MarketDataRequest request = validator.fromStrings(type, message.getHeader("UpbitPollSymbols", String.class),
                parseType(type) == MarketDataType.CANDLES ? message.getHeader("UpbitPollInterval", String.class) : null,
                message.getHeader("UpbitPollCount", String.class), null,
                message.getHeader("UpbitPollPriority", String.class));
        message.removeHeaders("UpbitPoll*");
        message.setBody(request);
    }

    /** The answer's items, all symbols in order, as Upbit's JSON array. */
    public static String upbitJson(io.upbitrouter.model.MarketDataResponse response) {
        com.fasterxml.jackson.databind.node.ArrayNode array =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        response.results().forEach(r -> r.items().forEach(array::add));
        return io.upbitrouter.protocol.ExactJson.text(array);
    }

    private static MarketDataType parseType(String raw) {
        try {
            return MarketDataType.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("type", "one of TICKER, TRADES, ORDERBOOK, CANDLES, got " + raw);
        }
    }
}
