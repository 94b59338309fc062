package io.upbitrouter.routing;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.support.TapInterest;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the routes consuming the decisions tap ({@link UpbitRouterConstants#DECISIONS}) want, so an answered request
 * becomes a record only when some consumer asked for it. The {@code upbit-forward-decisions} template declares its
 * {@code sources} ({@link DecisionsInterestPolicy}); a user's own {@code from(DECISIONS)} declares nothing and gets a
 * record of every answered request.
 * <p>
 * Why: a record is a JSON line and a hand-over through the queue's multicast pool (a thread wake-up) per answered
 * request. Cache hits are nearly all of the requests of a busy proxy; a consumer that keeps only the requests that
 * went to the exchange would otherwise cost every hit that work (benchmarks.md, HTTP facade). Thread-safe.
 */
public final class DecisionsInterest extends TapInterest<MarketDataResponse> {

    /**
     * The records of the template's {@code sources}: {@code all}, or a comma list of the answer's sources
     * ({@code websocket}, {@code rest}, {@code history-cache}, any case; the {@code X-Data-Source} values). A record is
     * taken when any symbol of its answer came from one of them.
     *
     * @throws IllegalArgumentException for a name that is no source, or no name
     */
    public static Predicate<MarketDataResponse> ofSources(String sources) {
        return ofSources(sources(sources));
    }

    /** The records whose answer took a symbol from one of {@code wanted}. */
    public static Predicate<MarketDataResponse> ofSources(Set<DataSource> wanted) {
        if (wanted.size() == DataSource.values().length) {
            return response -> true;
        }
        return response -> {
            for (SymbolResult result : response.results()) {
                if (wanted.contains(result.source())) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The sources named by {@code sources} ({@code all} or a comma list of wire names). */
    public static Set<DataSource> sources(String sources) {
        String list = sources == null ? "all" : sources.trim();
        if ("all".equalsIgnoreCase(list)) {
            return EnumSet.allOf(DataSource.class);
        }
        Set<DataSource> named = EnumSet.noneOf(DataSource.class);
        Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(name -> named.add(
                Arrays.stream(DataSource.values()).filter(s -> s.wireName().equals(name.toLowerCase(Locale.ROOT)))
                        .findFirst().orElseThrow(() -> invalid(name))));
        if (named.isEmpty()) {
            throw invalid(list);
        }
        return named;
    }

    private static IllegalArgumentException invalid(String name) {
        return new IllegalArgumentException("sources: all, or a comma list of websocket, rest, history-cache; got '"
                + name + "'");
    }
}
