package io.upbitrouter.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hand-rolled consumer a user would write instead of this module: one Vert.x WebSocket client,
 * parse each frame with Jackson and merge it into a ConcurrentHashMap ({@link BareMerge}, tree
 * variant), on the event loop. The ingest figure's "bare Vert.x client" baseline.
 */
public final class BareVertxClient implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    private final BareMerge merge = new BareMerge();
    private final AtomicInteger received = new AtomicInteger();
    private volatile int expected = Integer.MAX_VALUE;
    private volatile CompletableFuture<Long> allReceived = new CompletableFuture<>();
    private WebSocket socket;

    /** Connects and subscribes to ticker, trade, orderbook and candle.1m for the markets. */
    public void connect(int port, List<String> markets) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxMessageSize(1 << 20).setMaxFrameSize(1 << 20));
        socket = client.connect(port, "127.0.0.1", "/websocket/v1").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        socket.binaryMessageHandler(this::onFrame);
        socket.textMessageHandler(text -> onFrame(Buffer.buffer(text)));
        String codes = markets.stream().map(m -> "\"" + m + "\"").reduce((a, b) -> a + "," + b).orElse("");
        socket.writeTextMessage("[{\"ticket\":\"bench-bare\"},{\"type\":\"ticker\",\"codes\":[" + codes + "]},"
                + "{\"type\":\"trade\",\"codes\":[" + codes + "]},{\"type\":\"orderbook\",\"codes\":[" + codes + "]},"
                + "{\"type\":\"candle.1m\",\"codes\":[" + codes + "]},{\"format\":\"DEFAULT\"}]");
    }

    private void onFrame(Buffer buffer) {
        try {
            merge.mergeTree(buffer.getBytes());
        } catch (Exception e) {
            // a malformed frame is counted like any other: the baseline only measures throughput
        }
        if (received.incrementAndGet() >= expected) {
            allReceived.complete(System.nanoTime());
        }
    }

    /** Resets the count: the returned future completes (with nanoTime) once {@code frames} more frames arrived. */
    public CompletableFuture<Long> expect(int frames) {
        allReceived = new CompletableFuture<>();
        received.set(0);
        expected = frames;
        return allReceived;
    }

    public int received() {
        return received.get();
    }

    @Override
    public void close() throws Exception {
        if (socket != null) {
            socket.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
