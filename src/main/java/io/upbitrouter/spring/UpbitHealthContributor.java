package io.upbitrouter.spring;

import io.upbitrouter.ops.CacheHealthCheck;
import io.upbitrouter.ops.RestGroupsHealthCheck;
import io.upbitrouter.ops.StreamHealthCheck;
import io.upbitrouter.ops.UpbitHealthCheck;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The module's health in Spring Boot's actuator, as the composite contributor {@code upbit} with the members
 * {@code stream}, {@code rest} and {@code cache} (the Camel checks {@code upbit-stream}, {@code upbit-rest},
 * {@code upbit-cache}, same details). A Camel check that is DOWN is reported as {@link #DEGRADED}, a status
 * Spring Boot's default aggregation leaves out: the module still answers (from REST while the stream is down,
 * from the cache while REST is banned), so it never turns the host's {@code /actuator/health} to 503. A host that
 * wants a probe on it declares a group (see {@code src/main/docs/runtimes.md}):
 * {@code management.endpoint.health.group.upbit.include=upbit},
 * {@code management.endpoint.health.group.upbit.status.order=degraded,up},
 * {@code management.endpoint.health.group.upbit.status.http-mapping.degraded=503}.
 */
public class UpbitHealthContributor implements CompositeHealthContributor {

    /** A module part that does not work now while the module still answers. Answered 200 unless mapped. */
    public static final Status DEGRADED = new Status("DEGRADED", "the module answers, with a part down");

    /** Member name of the contributor to the id of the Camel check it reports. */
    static final Map<String, String> CHECK_IDS = Map.of("stream", "upbit-stream", "rest", "upbit-rest", "cache", "upbit-cache");

    private final Map<String, HealthIndicator> members = new LinkedHashMap<>();

    public UpbitHealthContributor(CamelContext camelContext) {
        members.put("stream", indicator(camelContext, StreamHealthCheck::new));
        members.put("rest", indicator(camelContext, RestGroupsHealthCheck::new));
        members.put("cache", indicator(camelContext, CacheHealthCheck::new));
    }

    private static HealthIndicator indicator(CamelContext camelContext, Supplier<AbstractHealthCheck> newCheck) {
        AbstractHealthCheck check = newCheck.get();
        ((CamelContextAware) check).setCamelContext(camelContext);
        return () -> health(check.call());
    }

    static Health health(HealthCheck.Result result) {
        boolean degraded = Boolean.TRUE.equals(result.getDetails().get(UpbitHealthCheck.DEGRADED));
        Health.Builder builder = switch (result.getState()) {
            case UP -> degraded ? Health.status(DEGRADED) : Health.up();
            case DOWN -> Health.status(DEGRADED);
            case UNKNOWN -> Health.unknown();
        };
        result.getMessage().ifPresent(message -> builder.withDetail("message", message));
        result.getDetails().forEach((key, value) -> {
            if (!key.startsWith("invocation.") && !key.startsWith("failure.") && !key.startsWith("success.")) {
                builder.withDetail(key, value);
            }
        });
        return builder.build();
    }

    @Override
    public HealthContributor getContributor(String name) {
        return members.get(name);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return members.entrySet().stream()
                .map(e -> NamedContributor.<HealthContributor>of(e.getKey(), e.getValue()))
                .iterator();
    }
}
