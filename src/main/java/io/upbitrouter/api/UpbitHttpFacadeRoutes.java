package io.upbitrouter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.upbitrouter.protocol.ExactJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.model.UpstreamUnavailableException;
import io.upbitrouter.rest.RestAnswer;
import io.upbitrouter.rest.RestGroup;
import io.upbitrouter.rest.UpbitRestClient;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

import java.time.Clock;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The Upbit-compatible HTTP facade: Upbit's quotation paths and parameter names on the embedded
 * platform-http server, answered through {@code direct:upbit-market-data} in Upbit's JSON shape, so
 * an unmodified Upbit client works after changing only its base URL. {@code /v1/market/all} is
 * passed through to the upstream REST API (through the router's REST client and its budget).
 * <p>
 * Client headers never travel further: each route reads the parameters it needs and drops every
 * incoming header (so a browser's {@code Origin} never reaches Upbit, whose limit for such
 * requests is 1 per 10 s). Responses carry only the headers listed in {@link UpbitResponseHeaders}.
 * Priority comes from the {@code X-Priority} header or the {@code priority} parameter, else from
 * {@code upbit.facade.priority.<type>} (ticker, trades, orderbook, candles; NORMAL by default).
 * The facade is added only where an HTTP server serves platform-http (see {@link #enabled()}).
 */
public class UpbitHttpFacadeRoutes extends RouteBuilder {

    private static final String TICKER_ALL_CALLS = UpbitRouterConstants.FACADE_TICKER_ALL_CALLS;
    private static final String QUERY = "upbitQueryString";
    private static final ObjectMapper JSON = ExactJson.MAPPER;
    private FacadeRequests facadeRequests;

    @Override
    public void configure() {
        if (!enabled()) {
            return;
        }
        facadeRequests = FacadeRequests.configured(getContext());
        Clock clock = getContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_CLOCK, Clock.class);
        UpbitQueryParameters params = new UpbitQueryParameters(clock == null ? Clock.systemUTC() : clock);

        // the fast path (UpbitFastHits) answers the cache hits of these three before they reach their routes
        dataRoute("ticker", "/v1/ticker", params::ticker);
        dataRoute("orderbook", "/v1/orderbook", params::orderbook);
        dataRoute("trades", "/v1/trades/ticks", params::trades);
        dataRoute("candles-seconds", "/v1/candles/seconds", (p, prio) -> params.candles(CandleInterval.SECONDS_1, p, prio));
        dataRoute("candles-minutes", "/v1/candles/minutes/{unit}",
                (p, prio) -> params.candles(UpbitQueryParameters.minuteInterval(p.apply("unit")), p, prio));
        dataRoute("candles-days", "/v1/candles/days", (p, prio) -> params.candles(CandleInterval.DAYS, p, prio));
        dataRoute("candles-weeks", "/v1/candles/weeks", (p, prio) -> params.candles(CandleInterval.WEEKS, p, prio));
        dataRoute("candles-months", "/v1/candles/months", (p, prio) -> params.candles(CandleInterval.MONTHS, p, prio));
        dataRoute("candles-years", "/v1/candles/years", (p, prio) -> params.candles(CandleInterval.YEARS, p, prio));

        // every ticker of some quote currencies: the market list from REST, then the router's decision per symbol
        // (fresh cache entries from the stream, one REST ticker call for the rest), in calls of at most 100 symbols
        from("platform-http:/v1/ticker/all?httpMethodRestrict=GET").routeId(UpbitRouterConstants.FACADE_TICKER_ALL_ROUTE_ID)
                .routeConfigurationId(UpbitFacadeErrors.ID)
                .doTry()
                    .process(this::tickerAllRequests)
                    .choice()
                        .when(body().isInstanceOf(java.util.List.class))
                            .to(TICKER_ALL_CALLS)
                    .end()
                .endDoTry()
                .doCatch(Exception.class)
                    .process(UpbitFacadeErrors::answer)
                .end();

        from(TICKER_ALL_CALLS).routeId(UpbitRouterConstants.FACADE_TICKER_ALL_CALLS_ROUTE_ID).errorHandler(noErrorHandler())
                .split(body(), UpbitHttpFacadeRoutes::joinResponses).stopOnException()
                    .to(UpbitRouterConstants.MARKET_DATA)
                .end()
                .process(UpbitHttpFacadeRoutes::answer);

        from("platform-http:/v1/market/all?httpMethodRestrict=GET").routeId(UpbitRouterConstants.FACADE_MARKET_ALL_ROUTE_ID)
                .routeConfigurationId(UpbitFacadeErrors.ID)
                .process(UpbitHttpFacadeRoutes::marketAll);
    }

    /**
     * {@code upbit.facade.enabled}: {@code false} (default: a host gets no HTTP routes it did not ask for),
     * {@code true}, or {@code auto}: on when the runtime has an HTTP server for platform-http, i.e. Camel Main's
     * {@code camel.server.enabled=true} or a Vert.x platform-http server added to the context. The standalone
     * runnable turns it on ({@code UpbitRouterMain.RUNNABLE_DEFAULTS}).
     */
    private boolean enabled() {
        String setting = getContext().resolvePropertyPlaceholders("{{upbit.facade.enabled:false}}").trim();
        if (!"auto".equalsIgnoreCase(setting)) {
            return Boolean.parseBoolean(setting);
        }
        return Boolean.parseBoolean(getContext().resolvePropertyPlaceholders("{{camel.server.enabled:false}}").trim())
                || getContext().hasService(
                        org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer.class) != null;
    }

    /*
     * The router's failures are caught with doTry/doCatch, not by the route configuration: an exception
     * thrown in another route's direct: endpoint has been through that route's error handler and would
     * otherwise reach the HTTP server unhandled, as a bare 500.
     */
    private void dataRoute(String name, String path,
                           BiFunction<Function<String, String>, RealtimePriority, MarketDataRequest> read) {
        from("platform-http:" + path + "?httpMethodRestrict=GET").routeId(UpbitRouterConstants.FACADE_ROUTE_ID_PREFIX + name)
                .routeConfigurationId(UpbitFacadeErrors.ID)
                .process(request(read))
                .doTry()
                    .to(UpbitRouterConstants.MARKET_DATA)
                    .process(UpbitHttpFacadeRoutes::answer)
                .doCatch(Exception.class)
                    .process(UpbitFacadeErrors::answer)
                .end();
    }

    /** Reads the request from the query and path parameters, then drops every client header. */
    private org.apache.camel.Processor request(
            BiFunction<Function<String, String>, RealtimePriority, MarketDataRequest> read) {
        return exchange -> {
            Message message = exchange.getMessage();
            MarketDataRequest request = facadeRequests.read(message.getHeader("X-Priority", String.class), param(message), read);
            message.removeHeaders("*");
            message.setBody(request);
        };
    }

    /**
     * The request's parameters: Upbit's from the query string only (never from a header of the same name),
     * and {@code unit}, the one path parameter, from the request path.
     */
    private static Function<String, String> param(Message message) {
        QueryString query = message.getExchange().getProperty(QUERY, QueryString.class);
        if (query == null) {
            // Vert.x sets the raw query; other platform-http engines (Spring Boot's) set only CamelHttpQuery, also undecoded
            String raw = message.getHeader(Exchange.HTTP_RAW_QUERY, String.class);
            query = QueryString.parse(raw != null ? raw : message.getHeader(Exchange.HTTP_QUERY, String.class));
            message.getExchange().setProperty(QUERY, query);
        }
        QueryString parameters = query;
        return name -> "unit".equals(name) ? lastPathSegment(message) : parameters.get(name);
    }

    private static String lastPathSegment(Message message) {
        String path = message.getHeader(Exchange.HTTP_PATH, String.class);
        if (path == null || path.isEmpty()) {
            path = message.getHeader(Exchange.HTTP_URI, String.class);
        }
        if (path == null) {
            return null;
        }
        int query = path.indexOf('?');
        path = query >= 0 ? path.substring(0, query) : path;
        String segment = path.substring(path.lastIndexOf('/') + 1);
        return java.net.URLDecoder.decode(segment, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Writes the items of every symbol, in the order asked, as one JSON array with the source headers. */
    static void answer(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        MarketDataResponse response = message.getMandatoryBody(MarketDataResponse.class);
        ArrayNode array = JSON.createArrayNode();
        for (SymbolResult result : response.results()) {
            for (ObjectNode item : result.items()) {
                array.add(item);
            }
        }
        message.removeHeaders("*");
        UpbitResponseHeaders.write(response, message::setHeader);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        message.setBody(JSON.writeValueAsString(array));
    }

    /**
     * {@code /v1/ticker/all?quote_currencies=KRW,BTC}: the exchange's market list (through the REST client and the
     * {@code market} group's budget) filtered by quote currency, in its order, as ticker requests of at most
     * {@link io.upbitrouter.routing.RequestValidator#MAX_SYMBOLS_MULTI} symbols each. With no such market the body
     * is the finished answer, {@code []}. A refusal of the market list is relayed as the exchange answered it.
     */
    private void tickerAllRequests(Exchange exchange) {
        Message message = exchange.getMessage();
        Function<String, String> param = param(message);
        String quotes = param.apply("quote_currencies");
        if (quotes == null || quotes.isBlank()) {
            throw new io.upbitrouter.model.InvalidRequestException("quote_currencies", "required, e.g. KRW,BTC");
        }
        java.util.Set<String> wanted = new java.util.HashSet<>();
        for (String quote : quotes.split(",")) {
            wanted.add(quote.trim().toUpperCase(java.util.Locale.ROOT));
        }
        String priority = message.getHeader("X-Priority", String.class);
        if (priority == null) {
            priority = param.apply("priority");
        }
        RealtimePriority chosen = priority == null || priority.isBlank()
                ? facadeRequests.defaultPriority(MarketDataType.TICKER) : RealtimePriority.parse(priority);
        UpbitRestClient client = exchange.getContext().getRegistry()
                .lookupByNameAndType(UpbitRouterConstants.BEAN_REST_CLIENT, UpbitRestClient.class);
        if (client == null) {
            throw new UpstreamUnavailableException("upstream_unavailable", "no REST client in this runtime", 0, null);
        }
        RestAnswer markets = client.get(RestGroup.MARKET, "market/all", "");
        message.removeHeaders("*");
        if (markets.status() != 200) {
            throw new io.upbitrouter.model.UpstreamErrorException(markets.status(), "upstream_error",
                    "the market list was refused", markets.body());
        }
        java.util.List<String> symbols = new java.util.ArrayList<>();
        try {
            for (com.fasterxml.jackson.databind.JsonNode market : JSON.readTree(markets.body())) {
                String code = market.path("market").asText("");
                int dash = code.indexOf('-');
                if (dash > 0 && wanted.contains(code.substring(0, dash))) {
                    symbols.add(code);
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UpstreamUnavailableException("upstream_unavailable", "the market list was not JSON", 0, null);
        }
        if (symbols.isEmpty()) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
            message.setHeader(UpbitResponseHeaders.DATA_SOURCE, DataSource.REST.wireName());
            message.setBody("[]");
            return;
        }
        java.util.List<MarketDataRequest> requests = new java.util.ArrayList<>();
        int size = io.upbitrouter.routing.RequestValidator.MAX_SYMBOLS_MULTI;
        for (int from = 0; from < symbols.size(); from += size) {
            requests.add(new MarketDataRequest(MarketDataType.TICKER,
                    symbols.subList(from, Math.min(symbols.size(), from + size)), null, 1, null, chosen));
        }
        message.setBody(requests);
    }

    /** The split's aggregation: the answers of the ticker calls as one response, symbols in the order asked. */
    private static Exchange joinResponses(Exchange joined, Exchange next) {
        if (next.getException() != null) {
            if (joined != null) {
                joined.setException(next.getException());
                return joined;
            }
            return next;
        }
        if (joined == null) {
            return next;
        }
        MarketDataResponse so = joined.getMessage().getBody(MarketDataResponse.class);
        MarketDataResponse more = next.getMessage().getBody(MarketDataResponse.class);
        java.util.List<SymbolResult> results = new java.util.ArrayList<>(so.results());
        results.addAll(more.results());
        joined.getMessage().setBody(new MarketDataResponse(so.request(), results));
        return joined;
    }

    /**
     * {@code /v1/market/all} through the router's REST client, so it shares the {@code market} group's
     * budget, back-off and ban handling; the exchange's body, status and {@code Remaining-Req} are relayed.
     */
    private static void marketAll(Exchange exchange) {
        Message message = exchange.getMessage();
        String details = param(message).apply("is_details");
        String query = details == null ? "" : "is_details=" + Boolean.parseBoolean(details.trim());
        UpbitRestClient client = exchange.getContext().getRegistry()
                .lookupByNameAndType(UpbitRouterConstants.BEAN_REST_CLIENT, UpbitRestClient.class);
        if (client == null) {
            throw new UpstreamUnavailableException("upstream_unavailable", "no REST client in this runtime", 0, null);
        }
        RestAnswer answer = client.get(RestGroup.MARKET, "market/all", query);
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        message.setHeader(UpbitResponseHeaders.DATA_SOURCE, DataSource.REST.wireName());
        message.setHeader(UpbitResponseHeaders.DATA_AGE_MS, "0");
        if (answer.remainingReq() != null) {
            message.setHeader(UpbitResponseHeaders.REMAINING_REQ, answer.remainingReq());
        }
        message.setBody(answer.body());
    }
}
