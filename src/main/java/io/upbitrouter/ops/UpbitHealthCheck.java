package io.upbitrouter.ops;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * A readiness check of the module that does not take the host's health down by default. A part of the module that is
 * down (the stream, a banned REST group, a missing cache) does not stop the module from answering, so with
 * {@code upbit.health.readiness=detail} (the module's default) such a result is reported UP with the detail
 * {@code degraded=true} and the message: the host's {@code /observe/health} and readiness stay 200 and the detail says
 * which part is degraded. With {@code down} (the standalone runnable's setting, where the module is the application)
 * it is DOWN, and readiness answers 503. Never a liveness check.
 */
public abstract class UpbitHealthCheck extends AbstractHealthCheck {

    /** {@code upbit.health.readiness}'s default. */
    public static final String DEFAULT_READINESS = "detail";
    /** Detail set on a result that would be DOWN but is reported UP. */
    public static final String DEGRADED = "degraded";

    protected UpbitHealthCheck(String id) {
        super("upbit", id);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected HealthCheckResultBuilder doCall(Map<String, Object> options) {
        HealthCheckResultBuilder builder = super.doCall(options);
        if (builder.state() == HealthCheck.State.DOWN && !downWhenDegraded()) {
            builder.detail(DEGRADED, true).up();
        } else if (builder.state() == HealthCheck.State.UP && builder.detail(DEGRADED) == null) {
            builder.detail(DEGRADED, false);
        }
        return builder;
    }

    private boolean downWhenDegraded() {
        String mode = getCamelContext() == null ? DEFAULT_READINESS
                : getCamelContext().resolvePropertyPlaceholders("{{upbit.health.readiness:detail}}");
        return "down".equalsIgnoreCase(mode.trim());
    }
}
