package io.upbitrouter.kamelet;

import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.InvalidRequestException;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.ws.MarketSelectionPolicy;
import io.upbitrouter.ws.SubscriptionDemand;
import org.apache.camel.Route;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a route's markets subscribed on the stream while the route runs: on start, and every
 * {@code periodMillis} (30 s, well inside {@code upbit.ws.idle-unsubscribe-ms}), it demands {@code symbols} of
 * {@code type} ({@code interval} for CANDLES) from the module's {@link SubscriptionDemand}; on stop or removal it
 * stops demanding, and the stream drops them once idle. The source Kamelets attach it to their route, so the
 * updates they forward keep coming. Without a stream in the context it does nothing.
 */
public class StreamDemandPolicy extends MarketSelectionPolicy {

    private long periodMillis = 30_000;
    private volatile ScheduledExecutorService scheduler;

    public StreamDemandPolicy() {
        super("TICKER", null, null);
    }

    public void setPeriodMillis(long periodMillis) {
        this.periodMillis = periodMillis;
    }

    @Override
    public void onStart(Route route) {
        SubscriptionDemand demand = route.getCamelContext().getRegistry().findSingleByType(SubscriptionDemand.class);
        if (demand == null || scheduler != null) {
            return;
        }
        MarketDataType parsedType = parseType(type);
        CandleInterval parsedInterval = parsedType == MarketDataType.CANDLES
                ? CandleInterval.fromCode(interval == null ? "" : interval.trim()).filter(CandleInterval::streamable)
                        .orElseThrow(() -> new InvalidRequestException("interval", "a streamed candle interval (1s ... 240m)"))
                : null;
        List<String> codes = symbols == null ? List.of()
                : Arrays.stream(symbols.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (codes.isEmpty()) {
            throw new InvalidRequestException("symbols", "at least one market code such as KRW-BTC");
        }
        Runnable demandAll = () -> codes.forEach(code -> demand.demand(parsedType, parsedInterval, code));
        demandAll.run();
        scheduler = route.getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "upbit-stream-demand-" + route.getRouteId());
        scheduler.scheduleWithFixedDelay(demandAll, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onStop(Route route) {
        cancel(route);
    }

    @Override
    public void onRemove(Route route) {
        cancel(route);
    }

    private void cancel(Route route) {
        ScheduledExecutorService running = scheduler;
        scheduler = null;
        if (running != null) {
            route.getCamelContext().getExecutorServiceManager().shutdownNow(running);
        }
    }

    private static MarketDataType parseType(String raw) {
        try {
            return MarketDataType.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("type", "one of TICKER, TRADES, ORDERBOOK, CANDLES, got " + raw);
        }
    }
}
