package io.upbitrouter.runnable;

import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.FreePort;
import io.upbitrouter.testsupport.HttpAnswers;
import io.upbitrouter.testsupport.RunningModule;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runnable without its configuration file, with another one, and with its address taken. */
class UpbitRouterMainDefaultsIT {

    @Test
    void should_listen_on_loopback_only_and_hide_info_without_a_configuration_file(@TempDir Path dir) throws Exception {
        try (UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).seed(2).tradesPerSecond(0).build().start()) {
            int port = FreePort.find();
            Map<String, String> settings = new HashMap<>(Map.of(
                    "camel.server.enabled", "true", "camel.server.port", Integer.toString(port),
                    "camel.management.enabled", "true", "camel.management.port", Integer.toString(port),
                    "camel.management.health-check-enabled", "true",
                    "upbit.ws.enabled", "false", "upbit.rest.base-url", sim.restBaseUrl(),
                    "camel.main.routes-include-pattern", "classpath:no-routes-here/*.yaml"));
            Main main = UpbitRouterMain.newMain(dir.resolve("no-such-folder").toString(), settings, new AtomicBoolean());
            main.start();
            try {
                VertxPlatformHttpServer server = main.getCamelContext().hasService(VertxPlatformHttpServer.class);
                assertEquals("127.0.0.1", server.getHost());
                HttpAnswers http = new HttpAnswers("http://127.0.0.1:" + port);
                java.net.http.HttpResponse<String> ticker = http.get("/v1/ticker?markets=KRW-BTC");
                assertEquals(200, ticker.statusCode());
                assertTrue(ticker.headers().firstValue(io.upbitrouter.api.UpbitResponseHeaders.SIMULATED).isEmpty(),
                        "no simulator mode, no simulated mark (the upstream here is a simulator the runnable did not start)");
                assertTrue(http.get("/observe/health/live").statusCode() == 200, "health stays on");
                assertEquals(404, http.get("/observe/info").statusCode(), "no OS user, folder or kernel for anyone");
                Optional<InetAddress> outside = nonLoopbackAddress();
                if (outside.isPresent()) {
                    assertThrows(java.io.IOException.class, () -> {
                        try (Socket s = new Socket()) {
                            s.connect(new InetSocketAddress(outside.get(), port), 2000);
                        }
                    }, "not reachable on " + outside.get());
                }
            } finally {
                main.stop();
            }
        }
    }

    @Test
    void should_hide_info_with_the_shipped_configuration() throws Exception {
        try (UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).seed(2).tradesPerSecond(0).build().start();
             RunningModule module = new RunningModule(sim, Map.of("upbit.ws.enabled", "false"), true)) {
            assertEquals(404, module.http().get("/observe/info").statusCode());
            assertEquals(200, module.http().get("/observe/health/live").statusCode());
        }
    }

    @Test
    void should_let_the_configuration_file_and_properties_override_the_safe_defaults(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("application.properties"), "camel.server.host = localhost\ncamel.management.info-enabled = true\n");
        Main main = UpbitRouterMain.newMain(dir.toString(), Map.of("camel.management.host", "127.0.0.2"), new AtomicBoolean());
        main.init();
        try {
            assertEquals("localhost", main.getCamelContext().resolvePropertyPlaceholders("{{camel.server.host}}"));
            assertEquals("true", main.getCamelContext().resolvePropertyPlaceholders("{{camel.management.info-enabled}}"));
            assertEquals("127.0.0.2", main.getCamelContext().resolvePropertyPlaceholders("{{camel.management.host}}"));
        } finally {
            main.stop();
        }
    }

    @Test
    void should_exit_with_the_documented_status_when_the_address_is_taken(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int status = UpbitRouterMain.run(new String[0], dir.toString(), Map.of(
                    "camel.server.enabled", "true", "camel.server.port", Integer.toString(taken.getLocalPort()),
                    "upbit.ws.enabled", "false", "camel.main.routes-include-pattern", "classpath:no-routes-here/*.yaml"));

            assertEquals(UpbitRouterMain.EXIT_ADDRESS_TAKEN, status);
        }
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("exits with\nstatus " + UpbitRouterMain.EXIT_ADDRESS_TAKEN)
                        || readme.contains("exits with status " + UpbitRouterMain.EXIT_ADDRESS_TAKEN),
                "the README states the same exit status");
        assertFalse(readme.contains("exits with\nstatus 1 "));
    }

    @Test
    void should_document_only_bounded_ways_to_run_the_runnable() throws Exception {
        List<Path> docs = new java.util.ArrayList<>(List.of(Path.of("README.md")));
        try (java.util.stream.Stream<Path> files = Files.list(Path.of("src/main/docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
        }
        List<String> runs = new java.util.ArrayList<>();
        for (Path doc : docs) {
            Files.readAllLines(doc).stream()
                    .filter(line -> line.contains("java ") && (line.contains("-jar ") || line.contains("-cp "))
                            && line.contains("runnable.jar"))
                    .map(line -> doc + ": " + line)
                    .forEach(runs::add);
        }
        assertFalse(runs.isEmpty());
        runs.forEach(line -> assertTrue(line.contains("-Xmx"), "a heap limit in: " + line));
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof java.net.Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
