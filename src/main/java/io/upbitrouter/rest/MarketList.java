package io.upbitrouter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * The exchange's market list ({@code /v1/market/all}, on the {@code market} group's budget), so that unknown but
 * well-formed codes are answered locally instead of costing a call each. {@link #refreshIfDue} fetches it when it
 * was never fetched, or when it is older than {@code refreshMillis} (injected clock). Until a first fetch has
 * succeeded (exchange down or refusing) every code is admitted, so an outage of the list never refuses a listed
 * market; a failed refresh keeps the list held. Thread-safe: the list is replaced whole.
 */
public class MarketList {

    private static final Logger LOG = LoggerFactory.getLogger(MarketList.class);

    private final UpbitRestClient client;
    private final Clock clock;
    private final long refreshMillis;
    private final ObjectMapper mapper = new ObjectMapper();
    private volatile Set<String> codes;
    private volatile long fetchedAt;

    public MarketList(UpbitRestClient client, Clock clock, long refreshMillis) {
        this.client = client;
        this.clock = clock;
        this.refreshMillis = refreshMillis;
    }

    /** True unless the list is held and does not contain the code. */
    public boolean admits(String market) {
        Set<String> held = codes;
        return held == null || held.contains(market);
    }

    /** True once a list has been fetched. */
    public boolean isLoaded() {
        return codes != null;
    }

    /** How many markets the held list names (0 before the first fetch). */
    public int size() {
        Set<String> held = codes;
        return held == null ? 0 : held.size();
    }

    /** Fetches the list when none is held or the held one is older than the refresh period. */
    public void refreshIfDue() {
        if (codes != null && clock.millis() - fetchedAt < refreshMillis) {
            return;
        }
        try {
            RestAnswer answer = client.get(RestGroup.MARKET, "market/all", "");
            Set<String> fresh = new HashSet<>();
            for (JsonNode market : mapper.readTree(answer.body())) {
                String code = market.path("market").asText("");
                if (!code.isEmpty()) {
                    fresh.add(code);
                }
            }
            if (fresh.isEmpty()) {
                LOG.warn("the exchange listed no markets; market codes stay unchecked");
                return;
            }
            boolean first = codes == null;
            codes = Set.copyOf(fresh);
            fetchedAt = clock.millis();
            if (first) {
                LOG.info("market list: {} markets; unknown codes are answered 404 locally", fresh.size());
            }
        } catch (Exception e) {
            LOG.warn("could not fetch the market list ({}); {}", e.getMessage(),
                    codes == null ? "market codes stay unchecked until it can be fetched" : "keeping the list held");
        }
    }
}
