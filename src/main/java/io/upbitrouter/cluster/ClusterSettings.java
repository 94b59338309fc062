package io.upbitrouter.cluster;

import java.util.List;

/**
 * How this process joins the cluster ({@code upbit.cluster.*}).
 *
 * @param name                   the cluster's name: members of other names never join
 * @param bindInterface          the address the member binds and announces (loopback by default)
 * @param port                   the member's port
 * @param portAutoIncrement      try the next ports when taken (several members on one host)
 * @param join                   {@code tcp-ip} (the {@code members} list), {@code multicast} or {@code kubernetes}
 * @param members                {@code host[:port]} of the other members, for {@code tcp-ip}
 * @param kubernetesServiceDns   the headless service that lists the members, for {@code kubernetes}
 * @param expectedMembers        how many members the cluster has when whole (0: the size of {@code members}); the
 *                               stream's quorum is a majority of it and the REST budget is shared in proportion to it
 * @param heartbeatSeconds       the engine's heartbeat period
 * @param failureDetectionSeconds a member silent this long is removed (the engine's detection time)
 * @param stateMillis            how often the leader reports its stream's state
 * @param stateMaxAgeMillis      a follower trusts the leader's stream only while its last report is this young
 * @param batchMillis            how often the leader sends what its stream stored meanwhile, in one message
 * @param demandMillis           how often each member reports the streams it wants
 * @param permitLeaseMillis      a REST permit never released (its member died) stops counting this long after its grant
 */
public record ClusterSettings(String name, String bindInterface, int port, boolean portAutoIncrement, String join,
                              List<String> members, String kubernetesServiceDns, int expectedMembers,
                              int heartbeatSeconds, int failureDetectionSeconds, long stateMillis, long stateMaxAgeMillis,
                              long batchMillis, long demandMillis, long permitLeaseMillis) {

    public ClusterSettings {
        members = List.copyOf(members);
        if (!List.of("tcp-ip", "multicast", "kubernetes").contains(join)) {
            throw new IllegalArgumentException("upbit.cluster.join: tcp-ip, multicast or kubernetes, not " + join);
        }
        if (expectedMembers < 0 || stateMillis < 1 || stateMaxAgeMillis <= stateMillis || demandMillis < 1 || batchMillis < 1) {
            throw new IllegalArgumentException("upbit.cluster: expected-members >= 0, state-period-ms >= 1,"
                    + " state-max-age-ms > state-period-ms, batch-ms >= 1, demand-period-ms >= 1");
        }
    }

    /** The whole cluster's size: {@code expectedMembers}, or the members list (with this member) when 0. */
    public int wholeCluster() {
        if (expectedMembers > 0) {
            return expectedMembers;
        }
        return "tcp-ip".equals(join) ? Math.max(1, members.size()) : 1;
    }

    /** Members that must see each other for one of them to hold the stream: a majority of the whole cluster. */
    public int quorum() {
        return wholeCluster() / 2 + 1;
    }
}
