package io.upbitrouter.ws;

import io.upbitrouter.protocol.MarketKey;
import org.apache.camel.support.RoutePolicySupport;

import java.util.function.Predicate;

/**
 * A route policy about a selection of the stream's items, set as bean properties (as the source Kamelets and the
 * route templates set them): {@code type} ({@code ticker}, {@code trade}, {@code orderbook}, {@code candle} or
 * {@code all}), for candles one {@code interval}, and {@code symbols} (a comma list, or {@code all}). What the policy
 * does with the selection while its route runs is the subclass's.
 */
public abstract class MarketSelectionPolicy extends RoutePolicySupport {

    protected String type;
    protected String interval;
    protected String symbols;

    protected MarketSelectionPolicy(String type, String interval, String symbols) {
        this.type = type;
        this.interval = interval;
        this.symbols = symbols;
    }

    public void setType(String type) {
        this.type = type;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }

    public void setSymbols(String symbols) {
        this.symbols = symbols;
    }

    /** The stream keys of the selection ({@link MarketUpdateInterest#of}). */
    protected Predicate<MarketKey> selection() {
        return MarketUpdateInterest.of(type, interval, symbols);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[type=" + type + ", interval=" + interval + ", symbols=" + symbols + "]";
    }
}
