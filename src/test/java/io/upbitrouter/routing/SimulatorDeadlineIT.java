package io.upbitrouter.routing;

import io.upbitrouter.model.UpstreamUnavailableException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One deadline per request: with the exchange 7 s slow (the simulator's slow-REST fault) and a deadline of 1.5 s,
 * a request ends by its deadline with 503 {@code upstream_timeout}, one call upstream and no retry.
 */
class SimulatorDeadlineIT extends SlowExchangeTestSupport {

    @Override
    protected long deadlineMillis() {
        return 1500;
    }

    @Test
    void should_end_a_request_by_its_deadline_when_the_exchange_is_slow() {
        sim.faults().slowRest(Duration.ofSeconds(7));
        long t0 = System.nanoTime();
        Exchange answer = send(lowTrades("KRW-BTC"));
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        UpstreamUnavailableException late = assertInstanceOf(UpstreamUnavailableException.class, answer.getException());
        assertEquals(503, late.httpStatus());
        assertEquals("upstream_timeout", late.errorName());
        assertEquals(1, sim.counters().requests("trade"), "no retry after the deadline");
        // the deadline is 1.5 s; without it the answer could not come before the exchange's 7 s (it took 21 s)
        assertTrue(tookMillis < 7_000, "answered after " + tookMillis + " ms");
        System.out.println("DEADLINE deadline-ms=1500 slow-rest-ms=7000 answered-after-ms=" + tookMillis + " upstream-calls=1");
    }
}
