package io.upbitrouter.ws;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The subscription route's wake-up: a burst of changes is one run of the route; a new run only once the route took the
 * last token; the route waits out the period since its last run; it wakes itself only while something is pending; a
 * token the route never took does not stop the next change from waking it; stopped, it sends nothing. A real
 * CamelContext with a {@code direct:} route that, like the shipped one, takes its token (here behind a gate the test
 * opens) and then reaches a mock.
 */
class SubscriptionWakeUpTest {

    private static final String ROUTE = "direct:wake-test";

    private CamelContext context;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final AtomicBoolean failNext = new AtomicBoolean();
    private SubscriptionWakeUp wakeUp;

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(ROUTE).routeId("wake-test")
                        .process(e -> {
                            if (failNext.getAndSet(false)) {
                                throw new IllegalStateException("the route fails before it takes its token");
                            }
                        })
                        .process(e -> assertTrue(gate.await(10, TimeUnit.SECONDS), "the test opens the gate"))
                        .process(e -> wakeUp.taken())
                        .to("mock:woken");
            }
        });
        context.start();
        wakeUp = new SubscriptionWakeUp(context, context.getEndpoint(ROUTE), 200, pending::get);
        context.addService(wakeUp, true, true);
    }

    @AfterEach
    void stop() {
        gate.countDown();
        context.stop();
    }

    @Test
    void should_run_the_route_once_for_a_burst_of_changes() throws Exception {
        MockEndpoint woken = context.getEndpoint("mock:woken", MockEndpoint.class);
        gate = new CountDownLatch(1);
        for (int i = 0; i < 1000; i++) {
            wakeUp.run();
        }
        assertTrue(wakeUp.queued(), "a token on its way: a change now wakes nobody twice");
        woken.expectedMessageCount(1);
        gate.countDown();
        woken.assertIsSatisfied(10_000);
        // nothing more was sent: a second token would have reached the mock at once
        woken.setAssertPeriod(300);
        woken.assertIsSatisfied();
        assertFalse(wakeUp.queued(), "taken");

        woken.reset();
        woken.expectedMessageCount(1);
        wakeUp.run();
        woken.assertIsSatisfied(10_000);
    }

    @Test
    void should_wait_out_the_period_since_the_route_last_took_a_token() {
        assertEquals(0, wakeUp.waitMillis(), "never run: no wait");
        long before = System.nanoTime();
        wakeUp.taken();
        long wait = wakeUp.waitMillis();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
        assertTrue(wait <= 201 && wait >= 200 - elapsed, "about a period: " + wait + " ms (" + elapsed + " ms elapsed)");
    }

    @Test
    void should_wake_the_route_again_only_while_something_is_pending() throws Exception {
        MockEndpoint woken = context.getEndpoint("mock:woken", MockEndpoint.class);
        wakeUp.again();
        assertFalse(wakeUp.queued(), "nothing pending: no token");
        pending.set(true);
        woken.expectedMessageCount(1);
        wakeUp.again();
        woken.assertIsSatisfied(10_000);
    }

    @Test
    void should_wake_the_route_again_after_a_token_it_never_took() throws Exception {
        MockEndpoint woken = context.getEndpoint("mock:woken", MockEndpoint.class);
        failNext.set(true);
        wakeUp.run();
        io.upbitrouter.testsupport.Await.until("the token given up", java.time.Duration.ofSeconds(10), () -> !wakeUp.queued());
        woken.expectedMessageCount(0);
        woken.assertIsSatisfied();
        woken.reset();
        woken.expectedMessageCount(1);
        wakeUp.run();
        woken.assertIsSatisfied(10_000);
    }

    @Test
    void should_send_nothing_once_stopped() throws Exception {
        wakeUp.stop();
        wakeUp.run();
        assertFalse(wakeUp.queued());
        MockEndpoint woken = context.getEndpoint("mock:woken", MockEndpoint.class);
        woken.expectedMessageCount(0);
        woken.setAssertPeriod(200);
        woken.assertIsSatisfied();
    }
}
