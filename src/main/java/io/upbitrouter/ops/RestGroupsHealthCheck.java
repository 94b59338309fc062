package io.upbitrouter.ops;

import io.upbitrouter.rest.RestGroup;
import io.upbitrouter.rest.RestGroupStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.spi.annotations.HealthCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Readiness of the exchange's REST groups, read from the {@link RestGroupStatus} bean: DOWN while any
 * group is banned (418), UP otherwise. Being rate-limited is normal traffic shaping, not a fault: it is
 * UP with the limited groups named in {@code rate_limited}. Details per group:
 * {@code <group>.rate_limited}, {@code <group>.banned_until}, {@code <group>.429}, {@code <group>.418}.
 */
@HealthCheck("upbit-rest")
public class RestGroupsHealthCheck extends UpbitHealthCheck {

    public RestGroupsHealthCheck() {
        super("upbit-rest");
    }


    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        RestGroupStatus status = getCamelContext().getRegistry().findSingleByType(RestGroupStatus.class);
        if (status == null) {
            builder.detail("rest", "absent").up();
            return;
        }
        List<String> banned = new ArrayList<>();
        List<String> limited = new ArrayList<>();
        for (Map.Entry<RestGroup, RestGroupStatus.GroupState> entry : status.states().entrySet()) {
            String name = entry.getKey().headerName();
            RestGroupStatus.GroupState state = entry.getValue();
            builder.detail(name + ".rate_limited", state.rateLimited());
            builder.detail(name + ".429", state.tooManyRequests());
            builder.detail(name + ".418", state.teapots());
            if (state.banned()) {
                banned.add(name);
                builder.detail(name + ".banned_until", state.bannedUntilMillis());
            } else if (state.rateLimited()) {
                limited.add(name);
            }
        }
        builder.detail("rate_limited", String.join(",", limited));
        if (banned.isEmpty()) {
            builder.up();
        } else {
            builder.detail("banned", String.join(",", banned))
                    .message("the exchange banned this address for groups " + banned).down();
        }
    }
}
