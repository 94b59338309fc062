package io.upbitrouter.ws;

import io.upbitrouter.api.UpbitRouterConstants;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Writes on the stream through a producer on the consumer's URI: the subscription message (the full set,
 * when it changed or the connection is new) on a fixed period of at least 200 ms, which keeps within Upbit's
 * 5 subscription messages a second, and the keepalive {@code PING} that stops the exchange's 120 s idle close.
 * While the stream is down both simply fail and are tried again at the next period.
 */
public class StreamSubscriptionRoutes extends RouteBuilder {

    /** Upbit allows 5 subscription messages a second per connection. */
    static final long MIN_SUBSCRIBE_PERIOD_MILLIS = 200;

    @Override
    public void configure() {
        StreamSubscriptions subscriptions = getContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_SUBSCRIPTION_DEMAND, StreamSubscriptions.class);
        StreamSupervisor supervisor = getContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_STREAM_SUPERVISOR, StreamSupervisor.class);
        long period = Math.max(MIN_SUBSCRIBE_PERIOD_MILLIS,
                Long.parseLong(getContext().resolvePropertyPlaceholders("{{upbit.ws.subscribe-period-ms:250}}")));

        from("timer:upbit-ws-subscribe?delay=0&period=" + period).routeId(UpbitRouterConstants.WS_SUBSCRIBE_ROUTE_ID)
                // While disconnected nothing is taken: the next connection asks for the full set anyway.
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
                .end();

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
