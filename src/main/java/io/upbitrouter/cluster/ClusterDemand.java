package io.upbitrouter.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.upbitrouter.ws.StreamSubscriptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Demand from every member reaches the leader's subscription: each member writes the streams it wants now (its own
 * demand and reads, within its idle time) under its id, with a time to live of a few periods so a dead member's demand
 * fades; the leader marks every stream listed there as wanted on its own {@link StreamSubscriptions}, whose idle rule
 * then drops what no member asks for any more.
 */
public final class ClusterDemand {

    /** The map of wanted streams per member. */
    public static final String MAP = "upbit-stream-demand";

    private final IMap<String, String> demand;
    private final String member;
    private final StreamSubscriptions subscriptions;
    private final long ttlMillis;

    public ClusterDemand(HazelcastInstance hazelcast, StreamSubscriptions subscriptions, long periodMillis) {
        this.demand = hazelcast.getMap(MAP);
        this.member = hazelcast.getCluster().getLocalMember().getUuid().toString();
        this.subscriptions = subscriptions;
        this.ttlMillis = Math.max(5 * periodMillis, 2000);
    }

    /** Writes this member's wanted streams (every period: the write also renews the time to live). */
    public void report() {
        demand.set(member, encode(subscriptions.wanted()), ttlMillis, TimeUnit.MILLISECONDS);
    }

    /** On the leader: every stream any member wants is wanted here; returns how many streams were listed. */
    public int adopt() {
        int listed = 0;
        for (var entry : demand.entrySet()) {
            if (entry.getKey().equals(member)) {
                continue; // this member's own list already is its demand
            }
            String wanted = entry.getValue();
            for (StreamSubscriptions.Stream stream : decode(wanted)) {
                subscriptions.demand(stream);
                listed++;
            }
        }
        return listed;
    }

    static String encode(Set<StreamSubscriptions.Stream> streams) {
        StringBuilder out = new StringBuilder();
        for (StreamSubscriptions.Stream s : streams) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(s.wsType()).append('|').append(s.code());
        }
        return out.toString();
    }

    static List<StreamSubscriptions.Stream> decode(String text) {
        List<StreamSubscriptions.Stream> streams = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return streams;
        }
        for (String item : text.split(",")) {
            int bar = item.indexOf('|');
            if (bar > 0) {
                streams.add(new StreamSubscriptions.Stream(item.substring(0, bar), item.substring(bar + 1)));
            }
        }
        return streams;
    }
}
