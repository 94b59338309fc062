package io.upbitrouter.ws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exchange's own word on how far each market has traded, asked over REST for the stall probe: one cheap call
 * (Upbit's ticker takes several markets) answering each market's latest {@code trade_timestamp}.
 */
@FunctionalInterface
public interface ExchangeTradeTimes {

    /**
     * The latest trade time per market, or empty when the REST budget cannot spare a call right now (the probe then
     * waits for its next round rather than compete with callers). Throws when the call fails.
     */
    Optional<Map<String, Long>> latestTradeTimes(List<String> markets);
}
