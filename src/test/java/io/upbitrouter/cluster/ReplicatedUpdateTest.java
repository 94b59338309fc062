package io.upbitrouter.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.protocol.ExactJson;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.ws.StreamFrame;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An entry travels from the leader to the followers with everything the ordering and duplicate rules read: the exact
 * JSON (digits as the exchange wrote them), the key and the leader's receive time.
 */
class ReplicatedUpdateTest {

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) ExactJson.MAPPER.readTree(text);
    }

    @Test
    void should_arrive_with_the_same_numbers_identity_and_order_as_on_the_leader() throws Exception {
        ObjectNode trade = json("{\"market\":\"KRW-BTC\",\"trade_date_utc\":\"2026-01-01\",\"trade_time_utc\":\"00:00:01\","
                + "\"timestamp\":1767225601000,\"trade_price\":147058139316.34984000,\"trade_volume\":0.00000001,"
                + "\"prev_closing_price\":1E+3,\"change_price\":0,\"ask_bid\":\"ASK\",\"sequential_id\":17672256010000012}");
        CachedMarketData onLeader = CachedMarketData.of(MarketKey.trade("KRW-BTC"), trade, 1767225601234L);

        ReplicatedUpdate arrived = ReplicatedUpdate.decode(new ReplicatedUpdate("L", List.of(onLeader)).encode());

        CachedMarketData there = arrived.entries().get(0);
        assertEquals("L", arrived.publisher());
        assertEquals(ExactJson.MAPPER.writeValueAsString(trade), ExactJson.MAPPER.writeValueAsString(there.restShape()));
        assertTrue(ExactJson.MAPPER.writeValueAsString(there.restShape()).contains("147058139316.34984000"));
        assertEquals(onLeader.identity(), there.identity());
        assertEquals(onLeader.eventTimeMillis(), there.eventTimeMillis());
        assertEquals(onLeader.receiveTimeMillis(), there.receiveTimeMillis());
        assertEquals(onLeader.sameTimeOrder(), there.sameTimeOrder());
        StreamFrame frame = arrived.frames().get(0);
        assertTrue(frame.isData());
        assertEquals(onLeader.identity(), frame.deduplicationKey());
    }

    @Test
    void should_keep_the_candle_time_that_orders_candle_updates() throws Exception {
        ObjectNode candle = json("{\"market\":\"KRW-ETH\",\"candle_date_time_utc\":\"2026-01-01T00:01:00\","
                + "\"timestamp\":1767225665000,\"candle_acc_trade_volume\":12.5,\"unit\":1}");
        CachedMarketData older = CachedMarketData.of(MarketKey.candle(CandleInterval.MINUTES_1, "KRW-ETH"), candle, 1);
        ObjectNode later = candle.deepCopy().put("candle_acc_trade_volume", new java.math.BigDecimal("13.0"));
        ReplicatedUpdate batch = ReplicatedUpdate.decode(new ReplicatedUpdate("L",
                List.of(older, CachedMarketData.of(MarketKey.candle(CandleInterval.MINUTES_1, "KRW-ETH"), later, 2))).encode());
        assertEquals(2, batch.entries().size(), "a batch keeps every entry, in order");
        CachedMarketData newer = batch.entries().get(1);
        assertEquals("2026-01-01T00:01:00", newer.candleTimeUtc());
        assertTrue(newer.isNewerThan(older));
    }

    @Test
    void should_refuse_what_is_not_an_update() {
        for (String bad : List.of("", "L", "L\nkey", "L\nticker:KRW-BTC\n1\n[1]", "L\nticker:KRW-BTC\nx\n{}",
                "L\nticker:KRW-BTC\n1\n{}\nticker:KRW-ETH", "L\nnot-a-key\n1\n{}")) {
            assertThrows(IllegalArgumentException.class, () -> ReplicatedUpdate.decode(bad), bad);
        }
    }

    @Test
    void should_derive_quorum_and_whole_cluster_from_the_members_list() {
        ClusterSettings three = settings("tcp-ip", List.of("a:1", "b:2", "c:3"), 0);
        assertEquals(3, three.wholeCluster());
        assertEquals(2, three.quorum());
        assertEquals(3, settings("tcp-ip", List.of("a:1"), 5).quorum());
        assertEquals(1, settings("multicast", List.of(), 0).quorum(), "discovery without a list: set expected-members");
        assertThrows(IllegalArgumentException.class, () -> settings("gossip", List.of(), 0));
    }

    private static ClusterSettings settings(String join, List<String> members, int expected) {
        return new ClusterSettings("c", "127.0.0.1", 5701, true, join, members, "", expected, 1, 5, 250, 1000, 20, 500, 30_000);
    }
}
