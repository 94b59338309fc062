package io.upbitrouter.routing;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.support.TapInterest;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

import java.util.Set;

/**
 * Declares, while its route runs, which decision records the route wants from the decisions tap
 * ({@link DecisionsInterest}): those whose answer took a symbol from one of {@code sources} ({@code all}, or a comma
 * list of {@code websocket}, {@code rest}, {@code history-cache}). Attach it to a route consuming
 * {@link UpbitRouterConstants#DECISIONS} whose filter keeps no more than that (the {@code upbit-forward-decisions}
 * template does, with this policy as its filter): no record is made for it of any other answer. On stop or removal the
 * declaration goes. Without the module's interest bean in the registry it declares nothing.
 */
public class DecisionsInterestPolicy extends RoutePolicySupport implements Predicate {

    private String sources;
    private Set<DataSource> wanted;

    public DecisionsInterestPolicy() {
        this("all");
    }

    public DecisionsInterestPolicy(String sources) {
        setSources(sources);
    }

    /** Read now: a bad name fails the route's creation, not its first record. */
    public void setSources(String sources) {
        this.wanted = DecisionsInterest.sources(sources);
        this.sources = sources;
    }

    @Override
    public void onStart(Route route) {
        TapInterest.declare(route, UpbitRouterConstants.BEAN_DECISIONS_INTEREST, DecisionsInterest.class,
                DecisionsInterest.ofSources(wanted));
    }

    @Override
    public void onStop(Route route) {
        TapInterest.withdraw(route, UpbitRouterConstants.BEAN_DECISIONS_INTEREST, DecisionsInterest.class);
    }

    @Override
    public void onRemove(Route route) {
        onStop(route);
    }

    /**
     * The route's own filter of what the queue hands it (another consumer may want more): whether the record's
     * answer took a symbol from one of the sources (header {@link UpbitRouterConstants#SOURCES}).
     */
    @Override
    public boolean matches(Exchange record) {
        String names = record.getMessage().getHeader(UpbitRouterConstants.SOURCES, "", String.class);
        for (DataSource source : wanted) {
            for (String name : names.split(",")) {
                if (source.wireName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "DecisionsInterestPolicy[sources=" + sources + "]";
    }
}
