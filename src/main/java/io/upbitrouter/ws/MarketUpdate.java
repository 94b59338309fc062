package io.upbitrouter.ws;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.protocol.MarketKey;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.Map;

/**
 * The market-updates tap's message ({@link UpbitRouterConstants#MARKET_UPDATES}): the wire tap's copy of a stored
 * stream item carries the item in Upbit's REST shape (the cache's Jackson tree, shared: read it, do not change it;
 * a consumer's filter drops most items, so JSON text is made on its thread, not here) and the headers
 * {@code UpbitKey}, {@code UpbitType}, {@code UpbitSymbol}, {@code UpbitEventTime}, nothing else.
 */
final class MarketUpdate {

    private MarketUpdate() {
    }

    /** The wire tap's {@code onPrepare}: replaces the copy's body and headers. */
    static void prepare(Exchange copy) {
        fill(copy.getMessage(), copy.getMessage().getBody(CachedMarketData.class));
    }

    /** Makes the message the market update of this entry: its REST item as body and the four headers only. */
    static void fill(Message message, CachedMarketData entry) {
        MarketKey key = entry.key();
        Map<String, Object> headers = message.getHeaders();
        headers.clear();
        headers.put(UpbitRouterConstants.KEY, key.toString());
        headers.put(UpbitRouterConstants.TYPE, key.typeName());
        headers.put(UpbitRouterConstants.SYMBOL, key.code());
        headers.put(UpbitRouterConstants.EVENT_TIME, entry.eventTimeMillis());
        message.setBody(entry.restShape());
    }
}
