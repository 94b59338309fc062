package io.upbitrouter.ops;

import io.upbitrouter.ws.StreamStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.spi.annotations.HealthCheck;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Readiness of the WebSocket stream, read from the {@code streamStatus} bean: UP when connected and
 * a message arrived within the watchdog limit ({@link StreamStatus#isHealthy()}), DOWN otherwise.
 * Details: {@code connected}, {@code healthy}, {@code last_message_age_ms}. Readiness only: while the
 * stream is down the module still answers from REST, so the process is alive. A runtime without a
 * stream bean is UP with {@code stream=absent}.
 */
@HealthCheck("upbit-stream")
public class StreamHealthCheck extends AbstractHealthCheck {

    public StreamHealthCheck() {
        super("upbit", "upbit-stream");
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        StreamStatus status = getCamelContext().getRegistry().lookupByNameAndType("streamStatus", StreamStatus.class);
        if (status == null) {
            builder.detail("stream", "absent").up();
            return;
        }
        boolean connected = status.isConnected();
        boolean healthy = status.isHealthy();
        OptionalLong age = status.lastMessageAgeMillis();
        builder.detail("connected", connected).detail("healthy", healthy);
        age.ifPresent(a -> builder.detail("last_message_age_ms", a));
        if (healthy) {
            builder.up();
        } else {
            builder.message(connected ? "stream silent past the watchdog limit" : "stream not connected").down();
        }
    }
}
