package io.upbitrouter.ws;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.support.TapInterest;
import org.apache.camel.Route;

/**
 * Declares, while its route runs, what the route wants from the market-updates tap ({@link MarketUpdateInterest}):
 * items of {@code type} ({@code ticker}, {@code trade}, {@code orderbook}, {@code candle} or {@code all}), of candles
 * of one {@code interval} when given, and of {@code symbols} (comma list or {@code all}). Attach it to a route
 * consuming {@link UpbitRouterConstants#MARKET_UPDATES} whose filter keeps no more than that (the
 * {@code upbit-forward-market-updates} template and the source Kamelets do): the stream then taps nothing else for
 * it. On stop or removal the declaration goes, so the route would get every item again. Without the module's
 * interest bean in the registry it does nothing.
 */
public class MarketUpdateInterestPolicy extends MarketSelectionPolicy {

    public MarketUpdateInterestPolicy() {
        this("all", null, "all");
    }

    public MarketUpdateInterestPolicy(String type, String interval, String symbols) {
        super(type, interval, symbols);
    }

    @Override
    public void onStart(Route route) {
        TapInterest.declare(route, UpbitRouterConstants.BEAN_MARKET_UPDATE_INTEREST, MarketUpdateInterest.class, selection());
    }

    @Override
    public void onStop(Route route) {
        TapInterest.withdraw(route, UpbitRouterConstants.BEAN_MARKET_UPDATE_INTEREST, MarketUpdateInterest.class);
    }

    @Override
    public void onRemove(Route route) {
        onStop(route);
    }
}
