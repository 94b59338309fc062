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

/**
 * Apache HttpClient 5 repeats a GET answered 503 or 429 by itself (once, when its 1 s retry interval fits
 * in the response timeout, as it does with the default 5 s). Those hidden calls would spend budget: they
 * must not happen.
 */
class HttpClientRetryIT extends RouterTestSupport {

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
        Properties p = new Properties();
        p.setProperty("upbit.rest.base-url", upstream.baseUrl());
        p.setProperty("upbit.ws.enabled", "false");
        p.setProperty("upbit.rest.max-retries", "1");
        p.setProperty("upbit.rest.backoff-base-ms", "10");
        p.setProperty("upbit.rest.backoff-max-ms", "20");
        return p;
    }

    @Test
    void should_not_let_the_http_client_repeat_a_503_by_itself() {
        upstream.force("orderbook", 2, 503, "busy", Map.of("Retry-After", "0"));
        assertThrows(UpstreamUnavailableException.class,
                () -> ask(new MarketDataRequest(MarketDataType.ORDERBOOK, List.of("KRW-BTC"), null, 1, null, null)));
        assertEquals(2, upstream.requests.size(), "exactly our try and 1 retry: none added by the HTTP client");
    }
}
