package io.upbitrouter.cluster;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.RuntimeCamelException;

import java.util.Arrays;
import java.util.List;

/**
 * Joins the cluster when {@code upbit.cluster.enabled=true}: starts the embedded Hazelcast member and wires it into the
 * module's beans ({@link ClusterNode#start}). Without that key nothing happens here and no Hazelcast class is loaded,
 * so a single instance needs neither the engine nor its jar. Must come after the module's other configurations.
 */
public class ClusterConfiguration implements CamelConfiguration {

    @PropertyInject(value = "upbit.cluster.enabled", defaultValue = "false")
    boolean enabled;
    @PropertyInject(value = "upbit.cluster.name", defaultValue = "upbit-router")
    String name;
    @PropertyInject(value = "upbit.cluster.interface", defaultValue = "127.0.0.1")
    String bindInterface;
    @PropertyInject(value = "upbit.cluster.port", defaultValue = "5701")
    int port;
    @PropertyInject(value = "upbit.cluster.port-auto-increment", defaultValue = "true")
    boolean portAutoIncrement;
    @PropertyInject(value = "upbit.cluster.join", defaultValue = "tcp-ip")
    String join;
    @PropertyInject(value = "upbit.cluster.members", defaultValue = "127.0.0.1:5701,127.0.0.1:5702,127.0.0.1:5703")
    String members;
    @PropertyInject(value = "upbit.cluster.kubernetes.service-dns", defaultValue = "none")
    String kubernetesServiceDns;
    @PropertyInject(value = "upbit.cluster.expected-members", defaultValue = "0")
    int expectedMembers;
    @PropertyInject(value = "upbit.cluster.heartbeat-seconds", defaultValue = "1")
    int heartbeatSeconds;
    @PropertyInject(value = "upbit.cluster.failure-detection-seconds", defaultValue = "5")
    int failureDetectionSeconds;
    @PropertyInject(value = "upbit.cluster.state-period-ms", defaultValue = "250")
    long statePeriodMillis;
    @PropertyInject(value = "upbit.cluster.state-max-age-ms", defaultValue = "1000")
    long stateMaxAgeMillis;
    @PropertyInject(value = "upbit.cluster.batch-ms", defaultValue = "20")
    long batchMillis;
    @PropertyInject(value = "upbit.cluster.demand-period-ms", defaultValue = "500")
    long demandPeriodMillis;
    @PropertyInject(value = "upbit.cluster.permit-lease-ms", defaultValue = "30000")
    long permitLeaseMillis;

    @Override
    public void configure(CamelContext camelContext) {
        if (!enabled) {
            return;
        }
        ClusterSettings settings = new ClusterSettings(name, bindInterface.trim(), port, portAutoIncrement, join.trim(),
                split(members), "none".equals(kubernetesServiceDns) ? "" : kubernetesServiceDns, expectedMembers,
                heartbeatSeconds, failureDetectionSeconds, statePeriodMillis, stateMaxAgeMillis, batchMillis, demandPeriodMillis,
                permitLeaseMillis);
        try {
            ClusterNode.start(settings, camelContext);
        } catch (Exception e) {
            throw new RuntimeCamelException("cannot join the cluster '" + name + "'", e);
        }
    }

    private static List<String> split(String list) {
        if (list == null || list.isBlank() || "none".equalsIgnoreCase(list.trim())) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
