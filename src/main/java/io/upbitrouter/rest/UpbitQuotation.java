package io.upbitrouter.rest;

import io.upbitrouter.protocol.UpbitLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upbitrouter.protocol.ExactJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.ExchangeParameters;
import io.upbitrouter.model.InvalidRequestException;
import io.upbitrouter.model.UpstreamUnavailableException;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Upbit's quotation REST calls, typed. Paths come from enums and queries are URL-encoded from
 * validated values, so nothing a caller typed reaches the URL unencoded. {@code to} is always sent in
 * UTC ({@code yyyy-MM-dd'T'HH:mm:ss'Z'}): mixing KST and UTC while paging duplicates candles.
 */
public class UpbitQuotation implements CandlePageSource {

    /** Upbit answers at most 200 candles per call. */
    public static final int MAX_CANDLES_PER_PAGE = 200;
    static final DateTimeFormatter UTC_TO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TRADES_TO = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);

    private final UpbitRestClient client;
    private final Clock clock;
    private final ObjectMapper mapper = ExactJson.MAPPER;

    public UpbitQuotation(UpbitRestClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Tickers of several markets in one call. */
    public RestItems tickers(List<String> markets) {
        return call(RestGroup.TICKER, "ticker", query("markets", String.join(",", markets)));
    }

    /** Orderbooks of several markets in one call. */
    public RestItems orderbooks(List<String> markets) {
        return orderbooks(markets, ExchangeParameters.NONE);
    }

    /** Orderbooks of several markets in one call, with {@code level} and {@code count} when given. */
    public RestItems orderbooks(List<String> markets, ExchangeParameters p) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("markets", String.join(",", markets));
        if (p.orderbookLevel() != null) {
            q.put("level", p.orderbookLevel().toPlainString());
        }
        if (p.orderbookUnits() != null) {
            q.put("count", Integer.toString(p.orderbookUnits()));
        }
        return call(RestGroup.ORDERBOOK, "orderbook", query(q));
    }

    /** The latest {@code count} trade ticks of one market, before {@code to} when given (at most {@value UpbitLimits#TRADES_MAX_DAYS_AGO} days back). */
    public RestItems trades(String market, int count, Instant to) {
        return trades(market, count, to, ExchangeParameters.NONE);
    }

    /**
     * Trade ticks of one market. Upbit's {@code to}, {@code days_ago} and {@code cursor}, when the caller gave them,
     * go upstream as given (the exchange reads them against its own day); otherwise {@code to} is derived from the
     * instant (at most 7 days back).
     */
    public RestItems trades(String market, int count, Instant to, ExchangeParameters p) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("market", market);
        q.put("count", Integer.toString(count));
        if (p.tradesTo() != null || p.daysAgo() != null || p.cursor() != null) {
            if (p.tradesTo() != null) {
                q.put("to", p.tradesTo());
            }
            if (p.daysAgo() != null) {
                q.put("days_ago", Integer.toString(p.daysAgo()));
            }
            if (p.cursor() != null) {
                q.put("cursor", p.cursor());
            }
        } else if (to != null && to.isBefore(clock.instant())) {
            long daysAgo = ChronoUnit.DAYS.between(to.atZone(ZoneOffset.UTC).toLocalDate(),
                    LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
            if (daysAgo > UpbitLimits.TRADES_MAX_DAYS_AGO) {
                throw new InvalidRequestException("to", "trades reach back " + UpbitLimits.TRADES_MAX_DAYS_AGO + " days, "
                        + to + " is " + daysAgo + " days ago");
            }
            q.put("to", TRADES_TO.format(to));
            if (daysAgo > 0) {
                q.put("days_ago", Long.toString(daysAgo));
            }
        }
        return call(RestGroup.TRADE, "trades/ticks", query(q));
    }

    @Override
    public RestItems page(String market, CandleInterval interval, Instant to, int count) {
        return page(market, interval, to, count, null);
    }

    @Override
    public RestItems page(String market, CandleInterval interval, Instant to, int count, String convertingPriceUnit) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("market", market);
        q.put("count", Integer.toString(Math.min(count, MAX_CANDLES_PER_PAGE)));
        if (to != null) {
            q.put("to", formatTo(to));
        }
        if (convertingPriceUnit != null) {
            q.put("converting_price_unit", convertingPriceUnit);
        }
        return call(RestGroup.CANDLES, interval.restPath(), query(q));
    }

    /** {@code to} in UTC to the second, rounded up so that a candle starting before a fractional {@code to} is kept. */
    public static String formatTo(Instant to) {
        Instant whole = to.truncatedTo(ChronoUnit.SECONDS);
        return UTC_TO.format(whole.equals(to) ? whole : whole.plusSeconds(1));
    }

    private RestItems call(RestGroup group, String path, String query) {
        RestAnswer answer = client.get(group, path, query);
        return new RestItems(parseArray(path, answer.body()), answer.remainingReq());
    }

    private List<ObjectNode> parseArray(String path, String body) {
        try {
            JsonNode tree = mapper.readTree(body == null ? "" : body);
            if (tree == null || !tree.isArray()) {
                throw new UpstreamUnavailableException("upstream_unexpected", "the exchange answered " + path
                        + " with something other than a JSON array", 0, null);
            }
            List<ObjectNode> items = new ArrayList<>(tree.size());
            tree.forEach(n -> {
                if (n.isObject()) {
                    items.add((ObjectNode) n);
                }
            });
            return items;
        } catch (IOException e) {
            throw new UpstreamUnavailableException("upstream_unexpected", "the exchange answered " + path
                    + " with unreadable JSON", 0, e);
        }
    }

    static String query(String key, String value) {
        return query(Map.of(key, value));
    }

    static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
