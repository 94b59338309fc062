package io.upbitrouter.ops;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.InvalidRequestException;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.routing.RequestValidator;
import io.upbitrouter.ws.SubscriptionDemand;
import org.apache.camel.Exchange;
import io.upbitrouter.ws.MarketUpdateInterestPolicy;
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
 *       declares its type and symbols ({@link MarketUpdateInterestPolicy}), so the stream taps only those items for it.</li>
 *   <li>{@code upbit-forward-decisions}: sends every routing decision (one JSON record per answered
 *       request: type, priority, and per symbol source, reason and age) to {@code to}.</li>
 *   <li>{@code upbit-poll}: every {@code period} ms asks the router for {@code type}/{@code symbols}
 *       ({@code interval}, {@code count}, {@code priority}) and sends the answer as Upbit JSON to {@code to}.</li>
 * </ul>
 */
public class UpbitRouteTemplates extends RouteBuilder {

    public static final String KEEP_WARM = UpbitRouterConstants.TEMPLATE_KEEP_WARM;
    public static final String FORWARD_MARKET_UPDATES = UpbitRouterConstants.TEMPLATE_FORWARD_MARKET_UPDATES;
    public static final String FORWARD_DECISIONS = UpbitRouterConstants.TEMPLATE_FORWARD_DECISIONS;
    public static final String POLL = UpbitRouterConstants.TEMPLATE_POLL;
    /** The forward template's local bean: its route's {@link MarketUpdateInterestPolicy}. */
    private static final String FORWARD_INTEREST_BEAN = "upbitForwardInterest";

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
                // declares type and symbols while the route runs, so the stream taps nothing else for it
                .templateBean(FORWARD_INTEREST_BEAN, RoutePolicy.class, template -> new MarketUpdateInterestPolicy(
                        template.getProperty("type", String.class), null, template.getProperty("symbols", String.class)))
                .from(UpbitRouterConstants.MARKET_UPDATES)
                    .routePolicyRef("{{" + FORWARD_INTEREST_BEAN + "}}")
                    // once per stored stream item: bodies are trees and text, never streams
                    .streamCache(false)
                    .setProperty("UpbitWantedType", constant("{{type}}"))
                    .setProperty("UpbitWantedSymbols", constant("{{symbols}}"))
                    .filter(UpbitRouteTemplates::wanted)
                        .process(UpbitRouteTemplates::jsonText)
                        .to("{{to}}");

        routeTemplate(FORWARD_DECISIONS)
                .templateParameter("to", null, "endpoint URI that receives each decision record")
                .from(UpbitRouterConstants.DECISIONS)
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

    static boolean wanted(Exchange exchange) {
        String type = exchange.getProperty("UpbitWantedType", "all", String.class);
        String symbols = exchange.getProperty("UpbitWantedSymbols", "all", String.class);
        boolean typeOk = "all".equalsIgnoreCase(type)
                || type.equalsIgnoreCase(exchange.getMessage().getHeader(UpbitRouterConstants.TYPE, String.class));
        String symbol = exchange.getMessage().getHeader(UpbitRouterConstants.SYMBOL, String.class);
        boolean symbolOk = "all".equalsIgnoreCase(symbols)
                || Arrays.stream(symbols.split(",")).map(String::trim).anyMatch(s -> s.equals(symbol));
        return typeOk && symbolOk;
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
