package io.upbitrouter.api;

import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import org.apache.camel.CamelContext;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How a facade request gets its priority, written once for the facade's routes and its fast path: the
 * {@code X-Priority} header, else the {@code priority} parameter, else the per-type default
 * {@code upbit.facade.priority.<ticker|trades|orderbook|candles>} (NORMAL). Thread-safe once built.
 */
final class FacadeRequests {

    /** Priority of requests that name none, per type: {@code upbit.facade.priority.ticker=HIGH} ... */
    private final Map<MarketDataType, RealtimePriority> defaultPriorities = new EnumMap<>(MarketDataType.class);

    private FacadeRequests(CamelContext context) {
        for (MarketDataType type : MarketDataType.values()) {
            String key = "upbit.facade.priority." + type.name().toLowerCase(Locale.ROOT);
            defaultPriorities.put(type, RealtimePriority.parse(context.resolvePropertyPlaceholders("{{" + key + ":NORMAL}}")));
        }
    }

    /** The priorities the context's properties give. */
    static FacadeRequests configured(CamelContext context) {
        return new FacadeRequests(context);
    }

    /** The default priority of a type's requests. */
    RealtimePriority defaultPriority(MarketDataType type) {
        return defaultPriorities.get(type);
    }

    /**
     * Reads a request from its parameters with the priority the client gave ({@code header}, the value of
     * {@code X-Priority}, else the {@code priority} parameter) or the type's default.
     *
     * @throws io.upbitrouter.model.InvalidRequestException for a bad parameter or priority
     */
    MarketDataRequest read(String header, Function<String, String> param,
                           BiFunction<Function<String, String>, RealtimePriority, MarketDataRequest> read) {
        String priority = header != null ? header : param.apply("priority");
        MarketDataRequest request = read.apply(param, RealtimePriority.parse(priority));
        if (priority == null || priority.isBlank()) {
            request = request.withPriority(defaultPriorities.get(request.type()));
        }
        return request;
    }
}
