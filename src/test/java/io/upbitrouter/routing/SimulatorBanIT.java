package io.upbitrouter.routing;

import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.UpstreamUnavailableException;
import io.upbitrouter.rest.RestGroup;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real 418: the simulator allows 1 request a second and bans at the first refusal. Another client on the
 * same IP (the test, directly) spends that second's request, so the router's call is refused and banned.
 * Rate-limit windows and the ban's length run on a clock the simulator and the router share, which only
 * the test moves.
 */
class SimulatorBanIT extends RouterTestSupport {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T01:00:00.100Z"));
    private static UpbitSimulator sim;

    @BeforeAll
    static void startSimulator() {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).seed(9).tradesPerSecond(0).rateLimitClock(CLOCK)
                .requestsPerSecond(1).banAfterRefusals(0).banDuration(Duration.ofSeconds(30)).build().start();
    }

    @AfterAll
    static void stopSimulator() {
        sim.stop();
    }

    @Override
    protected Clock upbitClock() {
        return CLOCK;
    }

    @Override
    protected Properties routerProperties() {
        Properties p = new Properties();
        p.setProperty("upbit.rest.base-url", sim.restBaseUrl());
        p.setProperty("upbit.ws.enabled", "false");
        return p;
    }

    private static MarketDataRequest ticker() {
        return new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC"), null, 1, null, null);
    }

    @Test
    void should_stop_calling_for_the_length_of_a_418_ban_and_resume_after() throws Exception {
        HttpResponse<String> other = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sim.restBaseUrl() + "/ticker?markets=KRW-BTC")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, other.statusCode());
        UpstreamUnavailableException banned = assertThrows(UpstreamUnavailableException.class, () -> ask(ticker()));
        assertTrue(banned.getMessage().contains("418"), banned.getMessage());
        assertEquals(30_000, banned.retryAfterMillis());
        assertEquals(1, sim.counters().teapots());
        long seen = sim.counters().requests("ticker") + sim.counters().requests("trade");
        assertTrue(budget().state(RestGroup.TICKER).banned());
        assertTrue(budget().state(RestGroup.TRADE).banned(), "the ban is on the IP: every group stops");

        CLOCK.advance(Duration.ofSeconds(29));
        assertThrows(UpstreamUnavailableException.class, () -> ask(ticker()));
        assertThrows(UpstreamUnavailableException.class,
                () -> ask(new MarketDataRequest(MarketDataType.TRADES, List.of("KRW-BTC"), null, 1, null, null)));
        assertEquals(seen, sim.counters().requests("ticker") + sim.counters().requests("trade"), "nothing sent during the ban");

        CLOCK.advance(Duration.ofSeconds(2));
        assertFalse(budget().state(RestGroup.TICKER).banned());
        assertEquals("KRW-BTC", ask(ticker()).results().get(0).items().get(0).get("market").asText());
        assertEquals(1, sim.counters().teapots(), "no second ban");
    }
}
