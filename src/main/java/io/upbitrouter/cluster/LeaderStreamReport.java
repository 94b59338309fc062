package io.upbitrouter.cluster;

import io.upbitrouter.ws.StreamStatus;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * The leader's stream as it reports it to the followers, several times a second: connected (socket open, subscription
 * written), healthy (and a frame within the watchdog limit), idle (nothing wanted anywhere, so no connection on
 * purpose), whether the whole connection or some markets are stalled,
 * and the age of its last frame. One line per field.
 */
public record LeaderStreamReport(String publisher, boolean connected, boolean healthy, boolean idle, boolean connectionStalled,
                                 long lastMessageAgeMillis, Set<String> stalled) {

    public static LeaderStreamReport of(String publisher, StreamStatus status) {
        OptionalLong age = status.lastMessageAgeMillis();
        return new LeaderStreamReport(publisher, status.isConnected(), status.isHealthy(), status.isIdle(), status.isConnectionStalled(),
                age.isPresent() ? age.getAsLong() : -1, new TreeSet<>(status.stalledSymbols()));
    }

    public String encode() {
        return publisher + '\n' + connected + '\n' + healthy + '\n' + idle + '\n' + connectionStalled + '\n'
                + lastMessageAgeMillis + '\n' + String.join(",", stalled);
    }

    public static LeaderStreamReport decode(String text) {
        String[] f = text.split("\n", -1);
        if (f.length != 7) {
            throw new IllegalArgumentException("not a stream report");
        }
        Set<String> stalled = f[6].isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(f[6].split(",")));
        return new LeaderStreamReport(f[0], Boolean.parseBoolean(f[1]), Boolean.parseBoolean(f[2]),
                Boolean.parseBoolean(f[3]), Boolean.parseBoolean(f[4]), Long.parseLong(f[5]), stalled);
    }
}
