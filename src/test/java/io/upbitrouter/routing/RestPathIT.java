package io.upbitrouter.routing;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.InvalidRequestException;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.UpstreamErrorException;
import io.upbitrouter.model.UpstreamUnavailableException;
import io.upbitrouter.rest.FakeUpstream;
import io.upbitrouter.rest.RestGroup;
import io.upbitrouter.rest.RestGroupStatus;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST path's handling of each kind of answer, against a scripted loopback server. */
class RestPathIT extends RouterTestSupport {

    private static FakeUpstream upstream;
    private final io.upbitrouter.testsupport.HeldClock clock = new io.upbitrouter.testsupport.HeldClock();

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new FakeUpstream();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @BeforeEach
    void clearRecords() {
        upstream.reset();
        // a fresh window for every test: the budget runs on this clock
        clock.advance(Duration.ofSeconds(2));
    }

    @Override
    protected Properties routerProperties() {
        // generous: a loaded 2-core machine can take a while to answer, and a timeout would be retried, so a
        // scripted answer would go to a try the client already gave up (the timeout case is RestTimeoutIT)
        return restPathProperties(upstream, 5000);
    }

    /** The REST path against a scripted exchange: short back-offs, 3 retries, the given response timeout. */
    static Properties restPathProperties(FakeUpstream upstream, int responseTimeoutMillis) {
        Properties p = new Properties();
        p.setProperty("upbit.rest.base-url", upstream.baseUrl());
        p.setProperty("upbit.ws.enabled", "false");
        p.setProperty("upbit.rest.backoff-base-ms", "10");
        p.setProperty("upbit.rest.backoff-max-ms", "40");
        p.setProperty("upbit.rest.max-retries", "3");
        p.setProperty("upbit.rest.response-timeout-ms", Integer.toString(responseTimeoutMillis));
        return p;
    }

    @Override
    protected Clock upbitClock() {
        return clock;
    }

    private static MarketDataRequest ticker(String... symbols) {
        return new MarketDataRequest(MarketDataType.TICKER, List.of(symbols), null, 1, null, null);
    }

    @Test
    void should_send_one_call_for_several_tickers_with_an_encoded_query_and_answer_in_order() {
        MarketDataResponse r = ask(ticker("KRW-XRP", "KRW-BTC", "KRW-ETH"));
        assertEquals(List.of("KRW-XRP", "KRW-BTC", "KRW-ETH"), r.results().stream().map(s -> s.symbol()).toList());
        r.results().forEach(s -> {
            assertEquals(s.symbol(), s.items().get(0).path("market").asText());
            assertEquals(RoutingReason.WS_DISABLED, s.reason());
            assertEquals(0, s.ageMillis());
            assertTrue(s.remainingReq().startsWith("group=ticker"), s.remainingReq());
        });
        assertEquals(1, upstream.requests.size());
        assertEquals("markets=KRW-XRP%2CKRW-BTC%2CKRW-ETH", upstream.requests.peek().query());
    }

    @Test
    void should_never_forward_the_callers_origin_or_other_headers() {
        Exchange answer = template.send(UpbitRouterConstants.MARKET_DATA, ex -> {
            ex.getMessage().setBody(ticker("KRW-BTC"));
            ex.getMessage().setHeader("Origin", "https://evil.example");
            ex.getMessage().setHeader("Authorization", "Bearer secret");
            ex.getMessage().setHeader("X-Client", "bot");
        });
        assertEquals(null, answer.getException());
        Map<String, List<String>> headers = upstream.requests.peek().headers();
        headers.keySet().forEach(h -> assertFalse(
                List.of("origin", "authorization", "x-client").contains(h.toLowerCase()), "forwarded " + h));
    }

    @Test
    void should_retry_a_burst_of_429_and_recover() {
        upstream.force("ticker", 2, 429, "Too many API requests.", Map.of());
        MarketDataResponse r = ask(ticker("KRW-BTC"));
        assertEquals("KRW-BTC", r.results().get(0).items().get(0).path("market").asText());
        assertEquals(3, upstream.requests.size());
        assertTrue(budget().state(RestGroup.TICKER).tooManyRequests() >= 2);
    }

    @Test
    void should_give_up_after_bounded_429_retries_with_retry_after() {
        upstream.force("orderbook", 10, 429, "Too many API requests.", Map.of());
        RateLimitedException e = assertThrows(RateLimitedException.class,
                () -> ask(new MarketDataRequest(MarketDataType.ORDERBOOK, List.of("KRW-BTC"), null, 1, null, null)));
        assertEquals(4, upstream.requests.size(), "the first try and 3 retries");
        assertTrue(e.retryAfterMillis() > 0);
        assertTrue(e.getMessage().contains("retry after"), e.getMessage());
        assertEquals(429, e.httpStatus());
    }

    @Test
    void should_stop_calling_a_banned_group_until_the_ban_ends() {
        upstream.force("trade", 1, 418, "banned", Map.of("Retry-After", "30"));
        MarketDataRequest trades = new MarketDataRequest(MarketDataType.TRADES, List.of("KRW-BTC"), null, 5, null, null);
        UpstreamUnavailableException first = assertThrows(UpstreamUnavailableException.class, () -> ask(trades));
        assertTrue(first.getMessage().contains("418"), first.getMessage());
        assertEquals(30_000, first.retryAfterMillis());
        RestGroupStatus.GroupState state = budget().state(RestGroup.TRADE);
        assertTrue(state.banned());
        assertTrue(state.bannedUntilMillis() > clock.millis() + 29_000);
        assertTrue(budget().state(RestGroup.TICKER).banned(), "a 418 bans the IP: every group stops");

        clock.advance(Duration.ofSeconds(29));
        UpstreamUnavailableException during = assertThrows(UpstreamUnavailableException.class, () -> ask(trades));
        assertTrue(during.retryAfterMillis() > 0 && during.retryAfterMillis() <= 1_000);
        assertThrows(UpstreamUnavailableException.class, () -> ask(ticker("KRW-BTC")));
        assertEquals(1, upstream.requests.size(), "no call went out during the ban");
        clock.advance(Duration.ofSeconds(1));
        assertFalse(budget().state(RestGroup.TRADE).banned());
        assertEquals(5, ask(trades).results().get(0).items().size());
        assertEquals(2, upstream.requests.size());
    }

    @Test
    void should_retry_5xx_and_recover_or_report_unavailable() {
        upstream.force("ticker", 2, 500, "oops", Map.of());
        assertEquals(1, ask(ticker("KRW-BTC")).results().size());
        assertEquals(3, upstream.requests.size());

        upstream.requests.clear();
        upstream.force("ticker", 4, 502, "<html>bad gateway</html>", Map.of());
        UpstreamUnavailableException e = assertThrows(UpstreamUnavailableException.class, () -> ask(ticker("KRW-BTC")));
        assertTrue(e.getMessage().contains("502"), e.getMessage());
        assertEquals(4, upstream.requests.size());
        assertEquals(503, e.httpStatus());
    }

    @Test
    void should_pass_an_upstream_error_json_with_a_numeric_name_on_faithfully() {
        String body = "{\"error\": {\"message\": \"Missing request parameter error. Check the required parameters!\", \"name\": 400}}";
        upstream.force("candles", 1, 400, body, Map.of());
        UpstreamErrorException e = assertThrows(UpstreamErrorException.class, () -> ask(new MarketDataRequest(
                MarketDataType.CANDLES, List.of("KRW-BTC"), CandleInterval.DAYS, 1, null, null)));
        assertEquals(400, e.httpStatus());
        assertEquals("400", e.errorName());
        assertEquals("Missing request parameter error. Check the required parameters!", e.getMessage());
        assertEquals(body, e.upstreamBody());
        assertEquals(1, upstream.requests.size(), "a 400 is not retried");
    }

    @Test
    void should_pass_a_plain_text_error_body_on_faithfully() {
        upstream.force("ticker", 1, 404, "Code not found", Map.of());
        UpstreamErrorException e = assertThrows(UpstreamErrorException.class, () -> ask(ticker("KRW-NOPE")));
        assertEquals(404, e.httpStatus());
        assertEquals("Code not found", e.upstreamBody());
        assertTrue(e.getMessage().contains("Code not found"));
    }

    @Test
    void should_refuse_bad_input_before_anything_is_sent() {
        for (MarketDataRequest bad : List.of(
                new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC&x=1"), null, 1, null, null),
                new MarketDataRequest(MarketDataType.TICKER, List.of(), null, 1, null, null),
                new MarketDataRequest(MarketDataType.CANDLES, List.of("KRW-BTC"), null, 1, null, null),
                new MarketDataRequest(MarketDataType.CANDLES, List.of("KRW-BTC"), CandleInterval.MINUTES_1, 0, null, null))) {
            Exchange answer = send(bad);
            assertInstanceOf(InvalidRequestException.class, answer.getException());
        }
        assertEquals(0, upstream.requests.size());
    }
}
