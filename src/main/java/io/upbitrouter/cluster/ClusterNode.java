package io.upbitrouter.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.rest.RestBudget;
import io.upbitrouter.ws.StreamFrame;
import io.upbitrouter.ws.StreamHealth;
import io.upbitrouter.ws.StreamSubscriptions;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This process as a cluster member: the embedded Hazelcast member, leadership of the stream, the leader's updates and
 * reports out to the followers, demand in to the leader, and the shared REST budget. Bound as
 * {@value UpbitRouterConstants#BEAN_CLUSTER}; {@link ClusterRoutes} carries the periodic and incoming work.
 *
 * <p>Only the leader runs the routes that touch the exchange's WebSocket ({@link #LEADER_ROUTES}): they do not start
 * with the context; they start when this member gains leadership and stop when it loses it. A follower's
 * {@code streamStatus} answers from the leader's reports ({@link LeaderStream}).
 */
public final class ClusterNode extends ServiceSupport implements CamelClusterEventListener.Leadership {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    /** The cluster namespace whose leader holds the stream. */
    public static final String STREAM_NAMESPACE = "upbit-stream";
    /** The topic carrying the leader's stored updates. */
    public static final String UPDATES_TOPIC = "upbit-stream-updates";
    /** The topic carrying the leader's stream reports. */
    public static final String STATE_TOPIC = "upbit-stream-state";
    /** Routes that only the leader runs: the stream's consumer and the stall probe (it calls REST about the stream). */
    public static final List<String> LEADER_ROUTES = List.of(UpbitRouterConstants.WS_INGEST_ROUTE_ID, "upbit-ws-stall-probe");

    private final CamelContext context;
    private final HazelcastInstance hazelcast;
    private final String memberId;
    private final HazelcastLeaderService leaderService;
    private final HazelcastLeaderService.View view;
    private final StreamHealth health;
    private final LeaderStream leaderStream;
    private final ClusterDemand demand;
    private final ClusterRestAllowance allowance;
    private final ITopic<String> updates;
    private final ITopic<String> reports;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "upbit-cluster-leadership");
        t.setDaemon(true);
        return t;
    });
    /** Entries the leader's stream stored since the last batch went out. */
    private final ConcurrentLinkedQueue<CachedMarketData> outbox = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "upbit-cluster-publish");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean leading;
    private volatile boolean contextStarted;
    private volatile boolean closing;

    private ClusterNode(ClusterSettings settings, CamelContext context, HazelcastInstance hazelcast, Clock clock,
                        StreamHealth health, StreamSubscriptions subscriptions, RestBudget budget, int restLimit,
                        long restWindowMillis) throws Exception {
        this.context = context;
        this.hazelcast = hazelcast;
        this.memberId = hazelcast.getCluster().getLocalMember().getUuid().toString();
        this.health = health;
        this.leaderService = new HazelcastLeaderService(hazelcast, settings.quorum());
        this.leaderService.setCamelContext(context);
        this.leaderStream = new LeaderStream(clock, settings.stateMaxAgeMillis(), this::isLeaderMember);
        this.demand = new ClusterDemand(hazelcast, subscriptions, settings.demandMillis());
        this.allowance = new ClusterRestAllowance(hazelcast, clock, restLimit, restWindowMillis, settings.permitLeaseMillis(),
                settings.wholeCluster(), () -> hazelcast.getCluster().getMembers().size(), budget);
        this.updates = hazelcast.getTopic(UPDATES_TOPIC);
        this.reports = hazelcast.getTopic(STATE_TOPIC);
        context.addService(leaderService, true, true);
        this.view = (HazelcastLeaderService.View) leaderService.getView(STREAM_NAMESPACE);
    }

    /**
     * Starts the member and wires it into the module's beans, before the module's routes are built: the leader-only routes
     * will not start with the context, the follower's stream status reads the leader's reports, and REST needs the
     * cluster's permit too.
     */
    public static ClusterNode start(ClusterSettings settings, CamelContext context) throws Exception {
        Clock clock = bean(context, UpbitRouterConstants.BEAN_CLOCK, Clock.class);
        StreamHealth health = bean(context, UpbitRouterConstants.BEAN_STREAM_STATUS, StreamHealth.class);
        StreamSubscriptions subscriptions = bean(context, UpbitRouterConstants.BEAN_SUBSCRIPTION_DEMAND, StreamSubscriptions.class);
        RestBudget budget = bean(context, UpbitRouterConstants.BEAN_REST_BUDGET, RestBudget.class);
        int limit = Integer.parseInt(context.resolvePropertyPlaceholders("{{upbit.rest.requests-per-second:10}}"));
        long window = Long.parseLong(context.resolvePropertyPlaceholders("{{upbit.rest.window-ms:1000}}"))
                + Long.parseLong(context.resolvePropertyPlaceholders("{{upbit.rest.window-margin-ms:100}}"));

        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config(settings));
        ClusterNode node;
        try {
            node = new ClusterNode(settings, context, hazelcast, clock, health, subscriptions, budget, limit, window);
        } catch (Exception e) {
            hazelcast.shutdown();
            throw e;
        }
        context.getRegistry().bind(UpbitRouterConstants.BEAN_HAZELCAST, hazelcast);
        context.getRegistry().bind(UpbitRouterConstants.BEAN_CLUSTER, node);
        context.addRoutePolicyFactory(node::leaderOnly);
        context.getManagementStrategy().addEventNotifier(node.new ContextStarted());
        health.followRemote(node.leaderStream);
        health.onDataStored(entry -> {
            if (node.leading) {
                node.outbox.add(entry);
            }
        });
        node.publisher.scheduleWithFixedDelay(node::publishStored, settings.batchMillis(), settings.batchMillis(),
                TimeUnit.MILLISECONDS);
        budget.share(node.allowance);
        hazelcast.getCluster().addMembershipListener(node.new Members());
        hazelcast.getLifecycleService().addLifecycleListener(event -> {
            LifecycleEvent.LifecycleState state = event.getState();
            if (state == LifecycleEvent.LifecycleState.SHUTTING_DOWN || state == LifecycleEvent.LifecycleState.SHUTDOWN) {
                node.view.detach();
            } else if (state == LifecycleEvent.LifecycleState.MERGED) {
                node.view.evaluate();
            }
        });
        node.view.addEventListener(node);
        context.addService(node, true, true);
        LOG.info("Cluster member {} of '{}' started ({} member(s) seen, quorum {} of {})", node.memberId, settings.name(),
                hazelcast.getCluster().getMembers().size(), settings.quorum(), settings.wholeCluster());
        return node;
    }

    /** The engine's configuration from {@code upbit.cluster.*}: no auto-detection, no phone-home, this process's shutdown. */
    static Config config(ClusterSettings settings) {
        Config config = new Config();
        config.setClusterName(settings.name());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", Integer.toString(settings.heartbeatSeconds()));
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(settings.failureDetectionSeconds()));
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        // a healed partition merges within seconds, not the engine's default minutes
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
        config.getMetricsConfig().setEnabled(false);
        config.getJetConfig().setEnabled(false);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(settings.portAutoIncrement());
        if (!settings.bindInterface().isBlank()) {
            config.setProperty("hazelcast.socket.bind.any", "false");
            network.getInterfaces().setEnabled(true).addInterface(settings.bindInterface());
        }
        JoinConfig join = network.getJoin();
        join.getAutoDetectionConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled("multicast".equals(settings.join()));
        join.getTcpIpConfig().setEnabled("tcp-ip".equals(settings.join())).setMembers(settings.members())
                .setConnectionTimeoutSeconds(2);
        if ("kubernetes".equals(settings.join())) {
            join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", settings.kubernetesServiceDns());
        }
        return config;
    }

    private static <T> T bean(CamelContext context, String name, Class<T> type) {
        T bean = context.getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("Bean " + name + " (" + type.getSimpleName() + ") is not in the registry: the"
                    + " cluster configuration must come after the module's other configurations");
        }
        return bean;
    }

    /** Route policy for the leader-only routes: they do not start with the context. */
    private RoutePolicy leaderOnly(CamelContext camelContext, String routeId, NamedNode route) {
        if (!LEADER_ROUTES.contains(routeId)) {
            return null;
        }
        return new RoutePolicySupport() {
            @Override
            public void onInit(Route initialized) {
                initialized.setAutoStartup(false);
            }
        };
    }

    private boolean isLeaderMember(String id) {
        return view.getLeader().map(m -> m.getId().equals(id)).orElse(false);
    }

    @Override
    public void leadershipChanged(org.apache.camel.cluster.CamelClusterView changed,
                                  org.apache.camel.cluster.CamelClusterMember leader) {
        schedule(0);
    }

    private void schedule(long delayMillis) {
        try {
            thread.schedule(this::apply, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.debug("Cluster member closing: leadership change ignored");
        }
    }

    /** Makes the routes and the stream status follow leadership (on the leadership thread, after the context started). */
    private void apply() {
        if (!contextStarted || closing) {
            return;
        }
        boolean lead = view.isLocalLeader();
        if (lead == leading) {
            return;
        }
        try {
            if (lead) {
                demand.adopt(); // the followers' demand before the first subscription
                health.followRemote(null);
                leading = true;
                for (String id : LEADER_ROUTES) {
                    context.getRouteController().startRoute(id);
                }
                LOG.info("This member leads the cluster's stream: connecting");
            } else {
                leading = false;
                outbox.clear();
                leaderStream.forget();
                health.followRemote(leaderStream);
                for (String id : LEADER_ROUTES) {
                    context.getRouteController().stopRoute(id, 2, TimeUnit.SECONDS);
                }
                LOG.info("This member follows: its stream is closed, answers come from the leader's");
            }
        } catch (Exception e) {
            LOG.warn("Cannot follow a leadership change ({}); trying again", e.toString());
            leading = !lead; // not done: the next attempt starts over
            schedule(500);
        }
    }

    /** Most entries in one message. */
    static final int MAX_BATCH = 500;

    /** On the leader: what its stream stored since the last run, in messages of at most {@link #MAX_BATCH} entries. */
    private void publishStored() {
        try {
            List<CachedMarketData> batch = new ArrayList<>();
            for (CachedMarketData entry = outbox.poll(); entry != null; entry = outbox.poll()) {
                batch.add(entry);
                if (batch.size() == MAX_BATCH) {
                    publish(batch);
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                publish(batch);
            }
        } catch (RuntimeException e) {
            LOG.debug("Cluster updates not published: {}", e.toString());
        }
    }

    private void publish(List<CachedMarketData> batch) {
        if (leading) {
            updates.publish(new ReplicatedUpdate(memberId, batch).encode());
        }
    }

    /** On the leader: the stream's state to the followers. */
    public void reportState() {
        if (leading) {
            reports.publish(LeaderStreamReport.of(memberId, health).encode());
        }
    }

    /** A report from the topic (this member's own are ignored). */
    public void stateReceived(Object body) {
        LeaderStreamReport report = LeaderStreamReport.decode(text(body));
        if (!report.publisher().equals(memberId)) {
            leaderStream.heard(report);
        }
    }

    /** Updates from the topic as frames for the stream's store route; none for this member's own. */
    public List<StreamFrame> updateReceived(Object body) {
        String text = text(body);
        if (closing || text.startsWith(memberId + '\n')) {
            return List.of();
        }
        return ReplicatedUpdate.decode(text).frames();
    }

    /** camel-hazelcast's topic consumer delivers the engine's message, whose object is the text published. */
    private static String text(Object body) {
        Object payload = body instanceof Message<?> message ? message.getMessageObject() : body;
        if (!(payload instanceof String text)) {
            throw new IllegalArgumentException("not a cluster message: " + (payload == null ? "null" : payload.getClass().getName()));
        }
        return text;
    }

    /** Every member: its demand to the cluster; the leader: everybody's demand into its subscription. */
    public void exchangeDemand() {
        demand.report();
        if (leading) {
            demand.adopt();
        }
    }

    /** True while this member holds the stream. */
    public boolean isLeading() {
        return leading;
    }

    /** This member's id in the cluster. */
    public String memberId() {
        return memberId;
    }

    /** Members this one sees now. */
    public int membersSeen() {
        return hazelcast.getLifecycleService().isRunning() ? hazelcast.getCluster().getMembers().size() : 0;
    }

    /** The engine's member (for tests that cut it off). */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** This member's share of the REST limit now. */
    public int restLimitShare() {
        return allowance.effectiveLimit();
    }

    @Override
    protected void doStop() {
        closing = true;
        leading = false;
        thread.shutdownNow();
        publisher.shutdownNow();
        health.onDataStored(null);
        outbox.clear();
        if (hazelcast.getLifecycleService().isRunning()) {
            hazelcast.shutdown();
        }
    }

    /** Members joining and leaving: a member that left releases its REST permits in flight. */
    private final class Members implements MembershipListener {
        @Override
        public void memberAdded(MembershipEvent event) {
            LOG.info("Cluster member joined: {} ({} now)", event.getMember().getUuid(), event.getMembers().size());
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            LOG.warn("Cluster member left: {} ({} now)", event.getMember().getUuid(), event.getMembers().size());
            allowance.memberGone(event.getMember().getUuid().toString());
        }
    }

    /** Leadership is followed once the context has started; entries arriving while it stops are left alone. */
    private final class ContextStarted extends EventNotifierSupport {
        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                closing = true;
                return;
            }
            contextStarted = true;
            schedule(0);
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.CamelContextStartedEvent || event instanceof CamelEvent.CamelContextStoppingEvent;
        }
    }
}
