package io.upbitrouter.routing;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.support.TapInterest;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Declares, while its route runs, which decision records the route wants from the decisions tap
 * ({@link DecisionsInterest}): those whose answer took a symbol from one of {@code sources} ({@code all}, or a comma
 * list of {@code websocket}, {@code rest}, {@code history-cache}). Attach it to a route consuming
 * {@link UpbitRouterConstants#DECISIONS} whose filter keeps no more than that (the {@code upbit-forward-decisions}
 * template does): no record is made for it of any other answer. On stop or removal the declaration goes. Without the
 * module's interest bean in the registry it does nothing.
 */
public class DecisionsInterestPolicy extends RoutePolicySupport {

    private String sources;

    public DecisionsInterestPolicy() {
        this("all");
    }

    public DecisionsInterestPolicy(String sources) {
        // read now: a bad name fails the route's creation, not its first record
        DecisionsInterest.sources(sources);
        this.sources = sources;
    }

    public void setSources(String sources) {
        DecisionsInterest.sources(sources);
        this.sources = sources;
    }

    @Override
    public void onStart(Route route) {
        TapInterest.declare(route, UpbitRouterConstants.BEAN_DECISIONS_INTEREST, DecisionsInterest.class,
                DecisionsInterest.ofSources(sources));
    }

    @Override
    public void onStop(Route route) {
        TapInterest.withdraw(route, UpbitRouterConstants.BEAN_DECISIONS_INTEREST, DecisionsInterest.class);
    }

    @Override
    public void onRemove(Route route) {
        onStop(route);
    }

    @Override
    public String toString() {
        return "DecisionsInterestPolicy[sources=" + sources + "]";
    }
}
