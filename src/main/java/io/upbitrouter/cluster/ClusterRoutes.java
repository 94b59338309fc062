package io.upbitrouter.cluster;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.ws.StreamErrorHandling;
import org.apache.camel.builder.RouteBuilder;

/**
 * The cluster's flows, present only when this process is a member ({@code upbit.cluster.enabled=true}):
 * <ul>
 *   <li>{@code upbit-cluster-updates}: the leader's stored updates (a batch per message) from the Hazelcast topic into
 *       this member's cache, one by one through the stream's own store route (same deduplication, ordering and taps);</li>
 *   <li>{@code upbit-cluster-stream-state}: the leader's stream reports, which a follower's stream status reads;</li>
 *   <li>{@code upbit-cluster-report}: on the leader, the stream's state to the followers every period;</li>
 *   <li>{@code upbit-cluster-demand}: every member's wanted streams to the cluster, and on the leader into its
 *       subscription.</li>
 * </ul>
 */
public class ClusterRoutes extends RouteBuilder {

    @Override
    public void configure() {
        if (!Boolean.parseBoolean(getContext().resolvePropertyPlaceholders("{{upbit.cluster.enabled:false}}"))) {
            return;
        }
        ClusterNode node = getContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_CLUSTER, ClusterNode.class);
        if (node == null) {
            throw new IllegalStateException("upbit.cluster.enabled=true but no cluster member is bound: add"
                    + " ClusterConfiguration (UpbitRouterModule.configurations()) before the routes");
        }
        String hazelcast = "?hazelcastInstance=#" + UpbitRouterConstants.BEAN_HAZELCAST;

        from("hazelcast-topic:" + ClusterNode.UPDATES_TOPIC + hazelcast).routeId("upbit-cluster-updates")
                .routeConfigurationId(StreamErrorHandling.ID)
                .process(exchange -> exchange.getMessage().setBody(node.updateReceived(exchange.getMessage().getBody())))
                .split(body())
                    .to(UpbitRouterConstants.WS_STORE)
                .end();

        from("hazelcast-topic:" + ClusterNode.STATE_TOPIC + hazelcast).routeId("upbit-cluster-stream-state")
                .process(exchange -> node.stateReceived(exchange.getMessage().getBody()));

        from("timer:upbit-cluster-report?period={{upbit.cluster.state-period-ms:250}}").routeId("upbit-cluster-report")
                .process(exchange -> node.reportState());

        from("timer:upbit-cluster-demand?period={{upbit.cluster.demand-period-ms:500}}").routeId("upbit-cluster-demand")
                .process(exchange -> node.exchangeDemand());
    }
}
