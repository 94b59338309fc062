package io.upbitrouter.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Leader election on the embedded Hazelcast member, as a Camel {@code CamelClusterService} (so {@code master:} routes
 * and cluster route policies work on it too). The leader of every namespace is the cluster's oldest member, which every
 * member computes from the same member list without any lock, and only while this member sees a quorum (a majority of
 * the whole cluster): a member cut off from the majority has no leader, so after a partition at most one side leads.
 * Leadership moves when the engine reports a member joined or left, that is within its failure-detection time.
 */
public final class HazelcastLeaderService extends AbstractCamelClusterService<HazelcastLeaderService.View> {

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastLeaderService.class);

    private final HazelcastInstance hazelcast;
    private final int quorum;

    public HazelcastLeaderService(HazelcastInstance hazelcast, int quorum) {
        super("upbit-hazelcast");
        this.hazelcast = hazelcast;
        this.quorum = quorum;
    }

    @Override
    protected View createView(String namespace) {
        return new View(this, namespace);
    }

    /** One namespace's view: the members the engine lists now and the leader among them. */
    public final class View extends AbstractCamelClusterView implements MembershipListener {

        private final UUID localId = hazelcast.getCluster().getLocalMember().getUuid();
        private volatile UUID leader;
        private volatile List<Member> members = List.of();
        private UUID registration;
        private volatile boolean detached;

        View(HazelcastLeaderService service, String namespace) {
            super(service, namespace);
        }

        @Override
        protected void doStart() {
            registration = hazelcast.getCluster().addMembershipListener(this);
            evaluate();
        }

        @Override
        protected void doStop() {
            if (registration != null && hazelcast.getLifecycleService().isRunning()) {
                hazelcast.getCluster().removeMembershipListener(registration);
            }
            registration = null;
            changeLeader(null);
        }

        @Override
        public void memberAdded(MembershipEvent event) {
            evaluate();
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            evaluate();
        }

        /** Recomputes the leader from the engine's member list (oldest first, the same order on every member). */
        synchronized void evaluate() {
            Set<Member> now = !detached && hazelcast.getLifecycleService().isRunning() ? hazelcast.getCluster().getMembers() : Set.of();
            members = new ArrayList<>(now);
            UUID elected = now.size() >= quorum ? now.iterator().next().getUuid() : null;
            if (elected == null && !now.isEmpty()) {
                LOG.warn("Cluster namespace {}: {} member(s) seen, fewer than the quorum of {}: no leader on this side",
                        getNamespace(), now.size(), quorum);
            }
            changeLeader(elected);
        }

        private synchronized void changeLeader(UUID elected) {
            if (Objects.equals(elected, leader)) {
                return;
            }
            leader = elected;
            LOG.info("Cluster namespace {}: leader is {}{}", getNamespace(), elected == null ? "nobody" : elected,
                    localId.equals(elected) ? " (this member)" : "");
            fireLeadershipChangedEvent(getLeader());
        }

        /** This member left the cluster (its engine is shutting down): it leads nothing from now on. */
        synchronized void detach() {
            detached = true;
            evaluate();
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            UUID id = leader;
            return id == null ? Optional.empty() : Optional.of(new MemberRef(id));
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return new MemberRef(localId);
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return members.stream().<CamelClusterMember>map(m -> new MemberRef(m.getUuid())).toList();
        }

        /** True when this member leads the namespace now. */
        public boolean isLocalLeader() {
            return localId.equals(leader);
        }

        private final class MemberRef implements CamelClusterMember {
            private final UUID id;

            MemberRef(UUID id) {
                this.id = id;
            }

            @Override
            public boolean isLeader() {
                return id.equals(leader);
            }

            @Override
            public boolean isLocal() {
                return id.equals(localId);
            }

            @Override
            public String getId() {
                return id.toString();
            }

            @Override
            public String toString() {
                return "member " + id + (isLeader() ? " (leader)" : "");
            }
        }
    }
}
