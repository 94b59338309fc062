package io.upbitrouter.model;

import java.util.List;

/** The answer to a {@link MarketDataRequest}: one result per symbol, in the order asked. */
public record MarketDataResponse(MarketDataRequest request, List<SymbolResult> results) {

    public MarketDataResponse {
        results = results == null ? List.of() : List.copyOf(results);
    }
}
