package io.upbitrouter.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The answer for one symbol of a request.
 *
 * @param symbol       the market code asked for
 * @param source       where the items came from
 * @param reason       the routing rule that chose the source
 * @param ageMillis    how old the data is: now minus the time it was received (0 for a REST answer just made)
 * @param items        the items in Upbit's REST shape and field names, newest first; copies, the caller's own
 * @param remainingReq the upstream {@code Remaining-Req} header when REST was used, else null
 */
public record SymbolResult(String symbol, DataSource source, RoutingReason reason, long ageMillis,
                           List<ObjectNode> items, String remainingReq) {

    /**
     * The items are copies: a cached item is shared by every caller and by the cache itself, so an answer never
     * hands out the cache's own tree (a caller changing its answer cannot change the next caller's).
     */
    public SymbolResult {
        items = items == null || items.isEmpty() ? List.of() : items.stream().map(ObjectNode::deepCopy).toList();
    }
}
