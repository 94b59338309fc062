package io.upbitrouter.ws;

import io.upbitrouter.api.UpbitRouterConstants;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Writes on the stream through a producer on the consumer's URI: the subscription message (the full set,
 * when it changed or the connection is new) and the keepalive {@code PING} that stops the exchange's 120 s idle close.
 * The subscription route runs only when woken ({@link SubscriptionWakeUp}: a new stream, dropped streams, a new
 * connection, a resend), and never twice within a period of at least 200 ms, which keeps within Upbit's 5
 * subscription messages a second; while something stays pending on a live connection (the connection's message budget
 * spent, a failed write) it wakes itself for the next period. While the stream is down nothing is taken: the next
 * connection asks for the full set anyway.
 */
public class StreamSubscriptionRoutes extends RouteBuilder {

    /** Upbit allows 5 subscription messages a second per connection. */
    static final long MIN_SUBSCRIBE_PERIOD_MILLIS = 200;

    @Override
    public void configure() throws Exception {
        StreamSubscriptions subscriptions = getContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_SUBSCRIPTION_DEMAND, StreamSubscriptions.class);
        StreamSupervisor supervisor = getContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_STREAM_SUPERVISOR, StreamSupervisor.class);
        long period = Math.max(MIN_SUBSCRIBE_PERIOD_MILLIS,
                Long.parseLong(getContext().resolvePropertyPlaceholders("{{upbit.ws.subscribe-period-ms:250}}")));
        SubscriptionWakeUp wakeUp = new SubscriptionWakeUp(getContext(), getContext().getEndpoint(UpbitRouterConstants.WS_SUBSCRIBE), period,
                () -> supervisor.currentSocket() != null && subscriptions.pending());
        // started and stopped with the context (a token sent before the route's consumer starts waits for it there)
        getContext().addService(wakeUp, true, true);
        subscriptions.onPending(wakeUp);

        from(UpbitRouterConstants.WS_SUBSCRIBE).routeId(UpbitRouterConstants.WS_SUBSCRIBE_ROUTE_ID)
                // a period after the last run at the earliest: the changes of one period go out as one message
                .delay(method(wakeUp, "waitMillis")).syncDelayed().id("upbit-ws-subscribe-wait")
                .process(exchange -> wakeUp.taken())
                .filter(exchange -> supervisor.currentSocket() != null)
                    .process(exchange -> exchange.getMessage().setBody(subscriptions.nextMessage()))
                    .filter(body().isNotNull())
                        .doTry()
                            .to(UpbitRouterConstants.STREAM).id("upbit-ws-send-subscription")
                            .process(exchange -> subscriptions.sent())
                            .log(LoggingLevel.DEBUG, "Subscription sent: ${body}")
                        .doCatch(Exception.class)
                            .process(exchange -> subscriptions.sendFailed())
                            .log(LoggingLevel.DEBUG, "Subscription not sent, retrying next period: ${exception.message}")
                        .end()
                    .end()
                .end()
                .process(exchange -> wakeUp.again()).id("upbit-ws-subscribe-again");

        from("timer:upbit-ws-keepalive?delay={{upbit.ws.keepalive-ms:10000}}&period={{upbit.ws.keepalive-ms:10000}}").routeId(UpbitRouterConstants.WS_KEEPALIVE_ROUTE_ID)
                .filter(exchange -> supervisor.currentSocket() != null)
                .setBody(constant("PING"))
                .doTry()
                    .to(UpbitRouterConstants.STREAM).id("upbit-ws-send-ping")
                .doCatch(Exception.class)
                    .log(LoggingLevel.DEBUG, "Keepalive not sent: ${exception.message}")
                .end();
    }
}
