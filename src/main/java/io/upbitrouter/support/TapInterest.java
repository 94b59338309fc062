package io.upbitrouter.support;

import org.apache.camel.Route;
import org.apache.camel.spi.RouteIdAware;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What the routes consuming one of the module's taps (a {@code seda:} queue of several consumers) want from it, so
 * the module offers the tap only what some consumer asked for. A consumer route declares its interest under its route
 * id ({@link #declare}); a message is wanted when some route consuming the queue now either declared nothing (a user's
 * own {@code from(...)}: it gets every message) or declared an interest that takes it. Nothing consumes the queue:
 * nothing is wanted. The interest only narrows what the module offers: a route's own filter still decides what it
 * keeps of what the queue hands it.
 * <p>
 * Thread-safe. {@link #wanted} runs on the hot path: a walk over the queue's few consumers and a map read each.
 *
 * @param <T> what a declaration tests: the message, or what it is made from
 */
public class TapInterest<T> {

    private final Map<String, Predicate<? super T>> declared = new ConcurrentHashMap<>();
    private volatile Collection<? extends RouteIdAware> consumers = List.of();

    /**
     * The queue's consumers, a live view (the seda endpoint's own copy-on-write set), read on every {@link #wanted}.
     */
    public void consumers(Collection<? extends RouteIdAware> live) {
        this.consumers = live == null ? List.of() : live;
    }

    /** Declares what route {@code routeId} wants from the queue (replacing an earlier declaration). */
    public void declare(String routeId, Predicate<? super T> wants) {
        declared.put(routeId, wants);
    }

    /** Withdraws the route's declaration: while it still consumes the queue, it gets everything again. */
    public void withdraw(String routeId) {
        declared.remove(routeId);
    }

    /** Whether the route declared an interest. */
    public boolean declared(String routeId) {
        return declared.containsKey(routeId);
    }

    /** Whether any route consumes the queue. */
    public boolean consumed() {
        return !consumers.isEmpty();
    }

    /** Whether {@code message} is wanted by some route consuming the queue now. */
    public boolean wanted(T message) {
        for (RouteIdAware consumer : consumers) {
            String routeId = consumer.getRouteId();
            Predicate<? super T> wants = routeId == null ? null : declared.get(routeId);
            if (wants == null || wants.test(message)) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a route policy: declares {@code wants} for {@code route} in the interest bound as {@code bean} in the
     * route's context; does nothing when no such bean is bound.
     */
    public static <T> void declare(Route route, String bean, Class<? extends TapInterest<T>> type, Predicate<? super T> wants) {
        TapInterest<T> interest = route.getCamelContext().getRegistry().lookupByNameAndType(bean, type);
        if (interest != null) {
            interest.declare(route.getRouteId(), wants);
        }
    }

    /** For a route policy: withdraws {@code route}'s declaration from the interest bound as {@code bean}, if any. */
    public static void withdraw(Route route, String bean, Class<? extends TapInterest<?>> type) {
        TapInterest<?> interest = route.getCamelContext().getRegistry().lookupByNameAndType(bean, type);
        if (interest != null) {
            interest.withdraw(route.getRouteId());
        }
    }
}
