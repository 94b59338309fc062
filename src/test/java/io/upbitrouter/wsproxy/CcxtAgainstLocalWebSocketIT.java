package io.upbitrouter.wsproxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.protocol.ExactJson;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.RunningModule;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An unmodified client library that speaks Upbit's WebSocket, ccxt (pro) from npm, pointed at the router by URL
 * only (its REST base and its WebSocket URL), receives tickers through the facade, on loopback only. Skipped when
 * {@code node} or ccxt is not installed: ccxt is found through {@code -Dccxt.node.path=DIR} or the environment
 * variable {@code CCXT_NODE_PATH} (a {@code node_modules} folder, e.g. after
 * {@code npm install --prefix /tmp/ccxt-node ccxt}), else wherever node resolves it.
 */
class CcxtAgainstLocalWebSocketIT {

    private static final int TICKERS = 5;

    private static String nodePath() {
        String path = System.getProperty("ccxt.node.path", System.getenv("CCXT_NODE_PATH"));
        return path == null ? "" : path;
    }

    private static Process node(List<String> args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(false);
        builder.environment().put("NODE_PATH", nodePath());
        return builder.start();
    }

    private static boolean ccxtAvailable() {
        try {
            Process probe = node(List.of("node", "-e", "require('ccxt')"));
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (Exception e) {
            return false; // no node on PATH
        }
    }

    @Test
    void an_unmodified_ccxt_pointed_at_the_router_receives_tickers_over_its_websocket() throws Exception {
        Assumptions.assumeTrue(ccxtAvailable(), "node with ccxt not installed (set -Dccxt.node.path=.../node_modules)");
        Path script = Files.createTempFile("watch_tickers", ".cjs");
        try (InputStream in = getClass().getResourceAsStream("/ccxt/watch_tickers.cjs");
             UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH")).seed(3)
                     .tradesPerSecond(10).requestsPerSecond(1000).build().start();
             RunningModule module = new RunningModule(sim, Map.of())) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            long accepted = sim.counters().connectionsAccepted();
            Process ccxt = node(List.of("node", script.toString(), module.baseUrl(),
                    LocalWsTestClient.wsUrl(module.baseUrl()), "BTC/KRW", Integer.toString(TICKERS)));
            boolean done = ccxt.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                ccxt.destroyForcibly();
            }
            String out = new String(ccxt.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String err = new String(ccxt.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(done, "ccxt did not finish in 60 s: " + out + " " + err);
            assertEquals(0, ccxt.exitValue(), err);
            JsonNode answer = ExactJson.read(out.substring(out.lastIndexOf('\n') + 1));
            assertEquals(TICKERS, answer.path("tickers").size(), out);
            answer.path("tickers").forEach(t -> {
                assertEquals("BTC/KRW", t.path("symbol").asText());
                assertTrue(t.path("last").decimalValue().signum() > 0, t.toString());
            });
            assertTrue(sim.counters().connectionsAccepted() <= accepted + 1, "ccxt opened nothing upstream itself");
            System.out.println("CCXT_WS ccxt=" + answer.path("ccxt").asText() + " tickers=" + answer.path("tickers").size()
                    + " upstream-connections=" + sim.counters().openConnections());
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
