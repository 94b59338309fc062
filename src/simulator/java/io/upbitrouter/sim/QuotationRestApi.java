package io.upbitrouter.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

import static io.upbitrouter.sim.SeededHistory.DAY;

/**
 * Upbit's quotation REST API under {@code /v1}: Upbit's paths, parameters, JSON fields, errors and
 * rate limits ({@code Remaining-Req} on every answer, 429 over the limit, 418 when banned), plus the
 * REST faults of {@link SimulatorFaults}. Answers are computed on worker threads, never on the event loop.
 */
final class QuotationRestApi {

    private static final Logger LOG = LoggerFactory.getLogger(QuotationRestApi.class);
    private static final Pattern MARKET = Pattern.compile("[A-Z0-9]{2,10}-[A-Z0-9]{1,20}");
    private static final Pattern HHMMSS = Pattern.compile("(\\d{2}):?(\\d{2}):?(\\d{2})");

    private final Vertx vertx;
    private final MarketGenerator market;
    private final ExchangeRateLimits limits;
    private final SimulatorCounters counters;
    private final SimulatorFaults faults;
    private final Clock clock;

    QuotationRestApi(Vertx vertx, MarketGenerator market, ExchangeRateLimits limits, SimulatorCounters counters,
                     SimulatorFaults faults, Clock clock) {
        this.vertx = vertx;
        this.market = market;
        this.limits = limits;
        this.counters = counters;
        this.faults = faults;
        this.clock = clock;
    }

    /** A parameter problem, answered with Upbit's error JSON. */
    static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    void mount(Router router) {
        route(router, "/v1/market/all", "market", this::marketAll);
        route(router, "/v1/ticker", "ticker", this::ticker);
        route(router, "/v1/ticker/all", "ticker", this::tickerAll);
        route(router, "/v1/candles/seconds", "candles", ctx -> candles(ctx, CandlePeriod.SECOND_1));
        route(router, "/v1/candles/minutes/:unit", "candles", ctx -> candles(ctx, CandlePeriod.ofMinutes(intParam(ctx.pathParam("unit")))
                .orElseThrow(() -> new BadRequest(400, "Invalid parameter: unit must be one of 1, 3, 5, 10, 15, 30, 60, 240"))));
        route(router, "/v1/candles/days", "candles", this::dayCandles);
        route(router, "/v1/candles/weeks", "candles", ctx -> candles(ctx, CandlePeriod.WEEK));
        route(router, "/v1/candles/months", "candles", ctx -> candles(ctx, CandlePeriod.MONTH));
        route(router, "/v1/candles/years", "candles", ctx -> candles(ctx, CandlePeriod.YEAR));
        route(router, "/v1/trades/ticks", "trade", this::tradeTicks);
        route(router, "/v1/orderbook", "orderbook", this::orderbook);
        router.route("/v1/*").handler(ctx -> {
            if (admit(ctx, "default")) {
                ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").setStatusCode(404)
                        .end(UpbitJson.text(UpbitJson.error(404, "Not found")));
            }
        });
    }

    private void route(Router router, String path, String group, Function<RoutingContext, JsonNode> answer) {
        router.get(path).handler(ctx -> {
            if (!admit(ctx, group)) {
                return;
            }
            long delay = faults.slowRestDelay().toMillis();
            if (delay > 0) {
                vertx.setTimer(delay, id -> answer(ctx, group, answer));
            } else {
                answer(ctx, group, answer);
            }
        });
    }

    /** Counts the request and applies bursts, bans and limits; false when the request was answered already. */
    private boolean admit(RoutingContext ctx, String group) {
        counters.request(group);
        int burst = faults.takeBurst();
        if (burst != 0) {
            remainingReq(ctx, group, 0);
            if (burst == 429) {
                counters.tooManyRequestsIssued();
                ctx.response().setStatusCode(429).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("Too many API requests.");
            } else {
                counters.serverErrorIssued();
                ctx.response().setStatusCode(burst).putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(UpbitJson.text(UpbitJson.error("server_error", "Simulated server error")));
            }
            return false;
        }
        String client = ctx.request().remoteAddress().host();
        ExchangeRateLimits.Decision d = limits.admitRest(client, group, ctx.request().getHeader("Origin") != null);
        if (d.verdict() != ExchangeRateLimits.Verdict.ALLOWED) {
            refuse(ctx, d, group, counters);
            return false;
        }
        remainingReq(ctx, group, d.remaining());
        return true;
    }

    /** Answers a refused request: 418 with Retry-After when banned, else 429; plain text as Upbit does. */
    static void refuse(RoutingContext ctx, ExchangeRateLimits.Decision d, String group, SimulatorCounters counters) {
        remainingReq(ctx, group, 0);
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8");
        if (d.verdict() == ExchangeRateLimits.Verdict.BANNED) {
            counters.teapotIssued();
            long seconds = Math.max(1, (d.retryAfterMillis() + 999) / 1000);
            ctx.response().setStatusCode(418).putHeader("Retry-After", String.valueOf(seconds))
                    .end("Banned for going on after 429 Too Many Requests; retry after " + seconds + " s.");
        } else {
            counters.tooManyRequestsIssued();
            ctx.response().setStatusCode(429).end("Too many API requests.");
        }
    }

    private static void remainingReq(RoutingContext ctx, String group, int remaining) {
        ctx.response().putHeader("Remaining-Req", "group=" + group + "; min=600; sec=" + remaining);
    }

    private void answer(RoutingContext ctx, String group, Function<RoutingContext, JsonNode> answer) {
        vertx.<Buffer>executeBlocking(() -> Buffer.buffer(UpbitJson.bytes(answer.apply(ctx))), false)
                .onSuccess(body -> ctx.response().setStatusCode(200)
                        .putHeader("Content-Type", "application/json; charset=utf-8").end(body))
                .onFailure(e -> {
                    int status = e instanceof BadRequest b ? b.status : 500;
                    if (status == 500) {
                        LOG.warn("Simulated REST answer failed", e);
                    }
                    Object name = status == 500 ? "server_error" : status;
                    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                            .end(UpbitJson.text(UpbitJson.error(name, e.getMessage())));
                });
    }

    // ---- endpoints ------------------------------------------------------------------------------

    private JsonNode marketAll(RoutingContext ctx) {
        boolean details = Boolean.parseBoolean(ctx.queryParams().get("is_details"));
        ArrayNode out = UpbitJson.array();
        market.specs().forEach(m -> out.add(UpbitJson.marketInfo(m, details)));
        return out;
    }

    private JsonNode ticker(RoutingContext ctx) {
        ArrayNode out = UpbitJson.array();
        for (String code : markets(ctx, "markets")) {
            out.add(UpbitJson.restTicker(market.ticker(code)));
        }
        return out;
    }

    private JsonNode tickerAll(RoutingContext ctx) {
        String quotes = required(ctx, "quote_currencies");
        List<String> wanted = List.of(quotes.toUpperCase(Locale.ROOT).split(","));
        ArrayNode out = UpbitJson.array();
        for (String code : market.codes()) {
            if (wanted.contains(code.substring(0, code.indexOf('-')))) {
                out.add(UpbitJson.restTicker(market.ticker(code)));
            }
        }
        return out;
    }

    private JsonNode candles(RoutingContext ctx, CandlePeriod period) {
        String code = markets(ctx, "market").get(0);
        int count = count(ctx, 200);
        long to = toParam(ctx);
        ArrayNode out = UpbitJson.array();
        market.candles(code, period, to, count).forEach(c -> out.add(UpbitJson.restCandle(c)));
        return out;
    }

    /**
     * Day candles; {@code converting_price_unit=KRW} adds {@code converted_trade_price} to the candles of a non-KRW
     * market: its close times the close of the {@code KRW-<quote>} day candle of that day (or the latest before it),
     * when the simulator lists that market.
     */
    private JsonNode dayCandles(RoutingContext ctx) {
        JsonNode candles = candles(ctx, CandlePeriod.DAY);
        String unit = ctx.queryParams().get("converting_price_unit");
        if (unit == null || unit.isEmpty()) {
            return candles;
        }
        if (!"KRW".equals(unit)) {
            throw new BadRequest(400, "Invalid parameter: converting_price_unit must be KRW");
        }
        String code = ctx.queryParams().get("market").trim();
        String quote = code.substring(0, code.indexOf('-'));
        String conversion = "KRW-" + quote;
        if (quote.equals("KRW") || !market.lists(conversion)) {
            return candles;
        }
        for (JsonNode candle : candles) {
            long dayStart = UpbitTime.parseTo(candle.path("candle_date_time_utc").asText() + "Z");
            List<Candle> rate = market.candles(conversion, CandlePeriod.DAY, dayStart + DAY, 1);
            if (!rate.isEmpty()) {
                // the prices as written, multiplied exactly, kept to 8 decimals as every simulated number
                java.math.BigDecimal converted = candle.path("trade_price").decimalValue()
                        .multiply(UpbitJson.num(rate.get(0).summary().close))
                        .setScale(8, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
                ((com.fasterxml.jackson.databind.node.ObjectNode) candle).put("converted_trade_price",
                        converted.scale() < 0 ? converted.setScale(0) : converted);
            }
        }
        return candles;
    }

    private JsonNode tradeTicks(RoutingContext ctx) {
        String code = markets(ctx, "market").get(0);
        int count = count(ctx, 500);
        int daysAgo = 0;
        String rawDays = ctx.queryParams().get("days_ago");
        if (rawDays != null && !rawDays.isEmpty()) {
            daysAgo = intParam(rawDays);
            if (daysAgo < 1 || daysAgo > 7) {
                throw new BadRequest(400, "Invalid parameter: days_ago must be 1..7");
            }
        }
        long dayStart = Math.floorDiv(clock.millis(), DAY) * DAY - daysAgo * DAY;
        long to = dayStart + DAY;
        String rawTo = ctx.queryParams().get("to");
        if (rawTo != null && !rawTo.isEmpty()) {
            var m = HHMMSS.matcher(rawTo);
            if (!m.matches()) {
                throw new BadRequest(400, "Invalid parameter: to must be HHmmss or HH:mm:ss");
            }
            to = dayStart + (Integer.parseInt(m.group(1)) * 3600L + Integer.parseInt(m.group(2)) * 60L
                    + Integer.parseInt(m.group(3))) * 1000L;
        }
        Long cursor = null;
        String rawCursor = ctx.queryParams().get("cursor");
        if (rawCursor != null && !rawCursor.isEmpty()) {
            try {
                cursor = Long.parseLong(rawCursor);
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "Invalid parameter: cursor");
            }
        }
        ArrayNode out = UpbitJson.array();
        double prevClose = market.previousClose(code, dayStart);
        market.trades(code, dayStart, to, cursor, count).forEach(t -> out.add(UpbitJson.restTrade(t, prevClose)));
        return out;
    }

    private JsonNode orderbook(RoutingContext ctx) {
        List<String> codes = markets(ctx, "markets");
        int count = 30;
        String rawCount = ctx.queryParams().get("count");
        if (rawCount != null && !rawCount.isEmpty()) {
            count = intParam(rawCount);
            if (count < 1 || count > 30) {
                throw new BadRequest(400, "Invalid parameter: count must be 1..30");
            }
        }
        ArrayNode out = UpbitJson.array();
        String rawLevel = ctx.queryParams().get("level");
        double level = rawLevel == null || rawLevel.isEmpty() ? 0 : parseLevel(rawLevel);
        for (String code : codes) {
            Orderbook book = market.orderbook(code, count, level);
            if (book == null) {
                return UpbitJson.array(); // an unsupported level gives [] as Upbit does
            }
            out.add(UpbitJson.restOrderbook(book));
        }
        return out;
    }

    // ---- parameters ------------------------------------------------------------------------------

    private static String required(RoutingContext ctx, String name) {
        String v = ctx.queryParams().get(name);
        if (v == null || v.isBlank()) {
            throw new BadRequest(400, "Missing request parameter error. Check the required parameters!");
        }
        return v;
    }

    /** Listed market codes from a (comma separated) parameter; 404 "Code not found" for any other. */
    private List<String> markets(RoutingContext ctx, String name) {
        List<String> codes = new ArrayList<>();
        for (String raw : required(ctx, name).split(",")) {
            String code = raw.trim();
            if (!MARKET.matcher(code).matches() || !market.lists(code)) {
                throw new BadRequest(404, "Code not found");
            }
            codes.add(code);
        }
        return codes;
    }

    private static int count(RoutingContext ctx, int max) {
        String raw = ctx.queryParams().get("count");
        if (raw == null || raw.isEmpty()) {
            return 1;
        }
        int n = intParam(raw);
        if (n < 1) {
            throw new BadRequest(400, "Invalid parameter: count must be at least 1");
        }
        return Math.min(n, max); // Upbit cuts larger counts silently
    }

    private long toParam(RoutingContext ctx) {
        String raw = ctx.queryParams().get("to");
        if (raw == null || raw.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            return UpbitTime.parseTo(raw);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, "Invalid parameter: to (" + raw + ")");
        }
    }

    private static double parseLevel(String raw) {
        try {
            return Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "Invalid parameter: level");
        }
    }

    private static int intParam(String raw) {
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "Invalid parameter: " + raw + " is not a number");
        }
    }
}
