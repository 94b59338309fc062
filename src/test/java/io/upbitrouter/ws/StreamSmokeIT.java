package io.upbitrouter.ws;

import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.model.MarketDataType;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A minimal WebSocket server to check the supervised component's wiring without the simulator. */
class StreamSmokeIT extends RealtimeTestSupport {

    private static final Vertx VERTX = Vertx.vertx();
    private final List<ServerWebSocket> open = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    protected Properties testProperties() {
        try {
            server = VERTX.createHttpServer().webSocketHandler(ws -> {
                open.add(ws);
                ws.closeHandler(v -> open.remove(ws));
                ws.textMessageHandler(text -> {
                    received.add(text);
                    if (text.startsWith("[")) {
                        try {
                            byte[] ticker = Files.readAllBytes(Path.of("src/test/resources/fixtures/ws_ticker_default.json"));
                            ws.writeBinaryMessage(Buffer.buffer(ticker));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return baseProperties("ws://127.0.0.1:" + server.actualPort() + "/websocket/v1");
    }

    @AfterEach
    void stopServer() throws Exception {
        context.stop();
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void should_connect_subscribe_and_cache_a_ticker_in_rest_shape() throws Exception {
        subscriptions().demand(MarketDataType.TICKER, null, "BTC-ETH");
        awaitUntil("ticker cached", Duration.ofSeconds(10), () -> cache().get(MarketKey.ticker("BTC-ETH")).isPresent());
        assertEquals("BTC-ETH", cache().get(MarketKey.ticker("BTC-ETH")).orElseThrow().restShape().get("market").asText());
        assertTrue(received.stream().filter(m -> m.startsWith("[")).findFirst().orElseThrow().contains("\"ticker\""));
        assertEquals(1, open.size());
        awaitUntil("connected and subscribed", Duration.ofSeconds(5), () -> health().isHealthy());
    }
}
