package io.upbitrouter.ops;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.ws.StreamStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.spi.annotations.HealthCheck;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Readiness of the WebSocket stream, read from the {@code upbitStreamStatus} bean: UP when connected and
 * a message arrived within the watchdog limit ({@link StreamStatus#isHealthy()}), DOWN otherwise.
 * A stream whose whole connection stalled (open, answering PING, but no data while the exchange trades) is DOWN
 * too; a stall of some markets leaves it UP with a message. Details: {@code connected}, {@code healthy},
 * {@code last_message_age_ms}, {@code stalled} ({@code none}, {@code markets} or {@code connection}) and
 * {@code stalled_markets}. Readiness only: while the
 * stream is down the module still answers from REST, so the process is alive. A runtime without a
 * stream bean is UP with {@code stream=absent}. An idle stream (nothing demanded and no warm set, so not connected
 * on purpose: it connects on the first demand) is UP with {@code state=idle}; otherwise {@code state} is
 * {@code connected} or {@code connecting}.
 */
@HealthCheck("upbit-stream")
public class StreamHealthCheck extends UpbitHealthCheck {

    public StreamHealthCheck() {
        super("upbit-stream");
    }


    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        StreamStatus status = getCamelContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_STREAM_STATUS, StreamStatus.class);
        if (status == null) {
            builder.detail("stream", "absent").up();
            return;
        }
        if (status.isIdle()) {
            builder.detail("state", "idle").detail("connected", false).detail("healthy", false)
                    .message("idle: nothing demanded and no warm set; connects on the first demand").up();
            return;
        }
        boolean connected = status.isConnected();
        boolean healthy = status.isHealthy();
        builder.detail("state", connected ? "connected" : "connecting");
        OptionalLong age = status.lastMessageAgeMillis();
        builder.detail("connected", connected).detail("healthy", healthy);
        age.ifPresent(a -> builder.detail("last_message_age_ms", a));
        Set<String> stalled = status.stalledSymbols();
        builder.detail("stalled", status.isConnectionStalled() ? "connection" : stalled.isEmpty() ? "none" : "markets");
        if (!stalled.isEmpty()) {
            builder.detail("stalled_markets", String.join(",", new TreeSet<>(stalled)));
        }
        if (!healthy) {
            builder.message(connected ? "stream silent past the watchdog limit" : "stream not connected").down();
        } else if (status.isConnectionStalled()) {
            builder.message("stream stalled: connected, but no data while the exchange trades; answering from REST").down();
        } else {
            if (!stalled.isEmpty()) {
                builder.message("stream stalled for " + stalled.size() + " market(s), answered from REST; the others flow");
            }
            builder.up();
        }
    }
}
