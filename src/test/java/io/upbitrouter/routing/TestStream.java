package io.upbitrouter.routing;

import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.ws.StreamStatus;
import io.upbitrouter.ws.SubscriptionDemand;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stream the test switches healthy or not, recording what the router reports wanted. */
final class TestStream implements StreamStatus, SubscriptionDemand {

    volatile boolean healthy = true;
    final List<String> demanded = new CopyOnWriteArrayList<>();

    @Override
    public boolean isConnected() {
        return healthy;
    }

    @Override
    public boolean isHealthy() {
        return healthy;
    }

    @Override
    public OptionalLong lastMessageAgeMillis() {
        return healthy ? OptionalLong.of(10) : OptionalLong.empty();
    }

    @Override
    public void demand(MarketDataType type, CandleInterval interval, String symbol) {
        demanded.add(type + (interval == null ? "" : ":" + interval.code()) + ":" + symbol);
    }
}
