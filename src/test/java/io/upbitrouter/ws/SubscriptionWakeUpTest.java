package io.upbitrouter.ws;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The subscription route's wake-up: a burst of changes is one token on the route's queue; a new one goes only once the
 * route took the last; the route waits out the period since its last run; it wakes itself only while something is
 * pending; stopped, it offers nothing. A real CamelContext with a seda queue; the route here only counts its tokens.
 */
class SubscriptionWakeUpTest {

    private static final String QUEUE = "seda:wake-test?size=2&discardWhenFull=true&waitForTaskToComplete=Never";

    private CamelContext context;
    private final AtomicBoolean pending = new AtomicBoolean();
    private SubscriptionWakeUp wakeUp;

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(QUEUE).routeId("wake-test").to("mock:woken");
            }
        });
        context.start();
        wakeUp = new SubscriptionWakeUp(context.getEndpoint(QUEUE), 200, pending::get);
        context.addService(wakeUp, true, true);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void should_put_one_token_on_the_queue_for_a_burst_of_changes() throws Exception {
        MockEndpoint woken = context.getEndpoint("mock:woken", MockEndpoint.class);
        woken.expectedMessageCount(1);
        for (int i = 0; i < 1000; i++) {
            wakeUp.run();
        }
        woken.assertIsSatisfied(10_000);
        assertTrue(wakeUp.queued(), "not taken yet: a change now wakes nobody twice");
        wakeUp.run();
        // the route is idle again: a second token would have reached it at once
        woken.setAssertPeriod(300);
        woken.assertIsSatisfied();

        woken.reset();
        woken.expectedMessageCount(1);
        wakeUp.taken();
        assertFalse(wakeUp.queued());
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
        assertTrue(wakeUp.queued());
        woken.assertIsSatisfied(10_000);
    }

    @Test
    void should_offer_nothing_once_stopped() throws Exception {
        wakeUp.stop();
        wakeUp.run();
        assertFalse(wakeUp.queued());
        MockEndpoint woken = context.getEndpoint("mock:woken", MockEndpoint.class);
        woken.expectedMessageCount(0);
        woken.setAssertPeriod(200);
        woken.assertIsSatisfied();
    }
}
