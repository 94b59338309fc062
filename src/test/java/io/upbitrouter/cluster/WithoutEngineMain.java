package io.upbitrouter.cluster;

import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.Await;
import io.upbitrouter.testsupport.RunningModule;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Run by {@link SingleInstanceWithoutEngineIT} in a JVM whose class path lacks Hazelcast, camel-hazelcast, camel-master
 * and camel-cluster: the module with no cluster configuration starts, answers from REST and then from the stream.
 */
public final class WithoutEngineMain {

    private WithoutEngineMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean engineAbsent;
        try {
            Class.forName("com.hazelcast.core.HazelcastInstance");
            engineAbsent = false;
        } catch (ClassNotFoundException expected) {
            engineAbsent = true;
        }
        UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).seed(3).tradesPerSecond(5).build().start();
        try (RunningModule module = new RunningModule(sim, Map.of())) {
            HttpResponse<String> first = module.http().get("/v1/ticker?markets=KRW-BTC");
            Await.until("an answer from the stream", Duration.ofSeconds(30), () -> "websocket".equals(
                    module.http().get("/v1/ticker?markets=KRW-BTC").headers().firstValue("X-Data-Source").orElse("")));
            System.out.println("WITHOUT_ENGINE engine-absent=" + engineAbsent + " first=" + first.statusCode()
                    + " cluster-bean=" + (module.context().getRegistry().lookupByName("upbitCluster") != null)
                    + " stream-answer=websocket");
        } finally {
            sim.stop();
        }
        System.exit(0);
    }
}
