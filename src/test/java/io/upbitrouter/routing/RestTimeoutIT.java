package io.upbitrouter.routing;

import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.UpstreamUnavailableException;
import io.upbitrouter.rest.FakeUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST path against an exchange slower than the response timeout: every try times out, each is retried. */
class RestTimeoutIT extends RouterTestSupport {

    private static FakeUpstream upstream;

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new FakeUpstream();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @Override
    protected Properties routerProperties() {
        return RestPathIT.restPathProperties(upstream, 300);
    }

    @Test
    void should_retry_a_timeout_and_then_report_unavailable() {
        // each answer comes after 1 s, more than three times the response timeout
        upstream.force("ticker", 4, new FakeUpstream.Forced(200, "[]", Map.of(), 1000));
        MarketDataRequest ticker = new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC"), null, 1, null, null);
        UpstreamUnavailableException e = assertThrows(UpstreamUnavailableException.class, () -> ask(ticker));
        assertTrue(e.getMessage().contains("tries"), e.getMessage());
        assertEquals(4, upstream.requests.size());
    }
}
