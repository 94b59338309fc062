package io.upbitrouter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket server on 127.0.0.1 that speaks the subscription side of Upbit's stream
 * ({@code /websocket/v1}, DEFAULT format, binary frames) and can replay a pre-generated burst of
 * frames as fast as the socket drains: the frame source of the ingest figure. It answers each
 * subscription with one SNAPSHOT frame per subscribed (type, code), answers the text {@code PING}
 * with {@code {"status":"UP"}}, and, when asked, keeps the stream alive with a ticker per subscribed
 * code every {@code heartbeatMillis}. It is a measuring instrument, not the simulator: no REST.
 */
public final class FloodServer implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Vertx vertx;
    private final HttpServer server;
    private final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    /** Subscribed type (ticker, trade, orderbook, candle.1m) to its codes, from the latest subscription message. */
    private final Map<String, Set<String>> subscribed = new ConcurrentHashMap<>();
    private final AtomicLong subscriptionsReceived = new AtomicLong();
    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());

    private FloodServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts listening on 127.0.0.1 on an ephemeral port; blocks until it does. */
    public static FloodServer start(long heartbeatMillis) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setMaxWebSocketMessageSize(1 << 20).setMaxWebSocketFrameSize(1 << 20));
        FloodServer flood = new FloodServer(vertx, server);
        server.webSocketHandler(flood::accept);
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (heartbeatMillis > 0) {
            vertx.setPeriodic(heartbeatMillis, id -> flood.heartbeat());
        }
        return flood;
    }

    private void accept(ServerWebSocket ws) {
        if (!ws.path().startsWith("/websocket/v1")) {
            ws.close((short) 1008, "unknown path");
            return;
        }
        sockets.add(ws);
        ws.closeHandler(v -> sockets.remove(ws));
        ws.exceptionHandler(e -> sockets.remove(ws));
        ws.textMessageHandler(text -> onMessage(ws, text));
        ws.binaryMessageHandler(buf -> onMessage(ws, buf.toString()));
    }

    private void onMessage(ServerWebSocket ws, String text) {
        if ("PING".equals(text.trim())) {
            ws.writeTextMessage("{\"status\":\"UP\"}");
            return;
        }
        try {
            JsonNode request = MAPPER.readTree(text);
            Map<String, Set<String>> latest = new ConcurrentHashMap<>();
            for (JsonNode part : request) {
                JsonNode type = part.get("type");
                JsonNode codes = part.get("codes");
                if (type != null && codes != null) {
                    Set<String> set = latest.computeIfAbsent(type.asText(), t -> ConcurrentHashMap.newKeySet());
                    // an orderbook code may carry a unit count (KRW-BTC.30): the market is the part before it
                    codes.forEach(c -> set.add(c.asText().replaceFirst("\\.\\d+$", "")));
                }
            }
            // a new subscription message replaces the previous one (Upbit's rule)
            subscribed.clear();
            subscribed.putAll(latest);
            subscriptionsReceived.incrementAndGet();
            long ts = clock.addAndGet(1);
            latest.forEach((type, codes) -> codes.forEach(code -> {
                byte[] frame = snapshot(type, code, ts);
                if (frame != null) {
                    ws.writeBinaryMessage(Buffer.buffer(frame));
                }
            }));
        } catch (Exception e) {
            ws.writeTextMessage("{\"error\":{\"name\":\"WRONG_FORMAT\",\"message\":\"" + e.getClass().getSimpleName() + "\"}}");
        }
    }

    private static byte[] snapshot(String type, String code, long ts) {
        double price = 1000 + Math.abs(code.hashCode() % 1_000_000);
        return switch (type) {
            case "ticker" -> FrameMix.snapshotTicker(code, ts, price);
            case "trade" -> FrameMix.snapshotTrade(code, ts, price);
            case "orderbook" -> FrameMix.snapshotOrderbook(code, ts, price, ts);
            default -> type.startsWith("candle.") ? FrameMix.snapshotCandle(code, ts, price) : null;
        };
    }

    private void heartbeat() {
        Set<String> tickers = subscribed.get("ticker");
        if (tickers == null || tickers.isEmpty()) {
            return;
        }
        long ts = clock.updateAndGet(old -> Math.max(old + 1, System.currentTimeMillis()));
        for (ServerWebSocket ws : sockets) {
            for (String code : tickers) {
                if (!ws.writeQueueFull()) {
                    ws.writeBinaryMessage(Buffer.buffer(FrameMix.snapshotTicker(code, ts, 1000 + Math.abs(code.hashCode() % 1_000_000))));
                }
            }
        }
    }

    /** True when the latest subscription covers every market for each of the types. */
    public boolean covers(Set<String> types, List<String> markets) {
        for (String type : types) {
            Set<String> codes = subscribed.get(type);
            if (codes == null || !codes.containsAll(markets)) {
                return false;
            }
        }
        return true;
    }

    public Map<String, Set<String>> subscribed() {
        return subscribed;
    }

    public int openSockets() {
        return sockets.size();
    }

    public long subscriptionsReceived() {
        return subscriptionsReceived.get();
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + server.actualPort() + "/websocket/v1";
    }

    public int port() {
        return server.actualPort();
    }

    /**
     * Writes every frame, in order, to the first open socket, as fast as it drains (flow control
     * through the write queue, so the burst never sits whole in Netty's buffers). Completes when the
     * last frame was handed to the socket.
     */
    public CompletableFuture<Void> flood(List<byte[]> frames) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (sockets.isEmpty()) {
            done.completeExceptionally(new IllegalStateException("no client connected"));
            return done;
        }
        ServerWebSocket ws = sockets.get(0);
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> new Pump(ws, frames, done).run());
        return done;
    }

    /**
     * Writes every frame, in order, to the first open socket at {@code framesPerSecond} (a 10 ms timer writes the
     * frames due by then; a frame due while the write queue is full waits for the next tick). Completes when the
     * last frame was handed to the socket.
     */
    public CompletableFuture<Void> pace(List<byte[]> frames, double framesPerSecond) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (sockets.isEmpty()) {
            done.completeExceptionally(new IllegalStateException("no client connected"));
            return done;
        }
        ServerWebSocket ws = sockets.get(0);
        long start = System.nanoTime();
        int[] next = {0};
        vertx.setPeriodic(10, id -> {
            long due = Math.min(frames.size(), (long) ((System.nanoTime() - start) / 1e9 * framesPerSecond) + 1);
            while (next[0] < due && !ws.writeQueueFull()) {
                ws.writeBinaryMessage(Buffer.buffer(frames.get(next[0]++)));
            }
            if (ws.isClosed() || next[0] >= frames.size()) {
                vertx.cancelTimer(id);
                if (next[0] >= frames.size()) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(new IllegalStateException("client closed after " + next[0] + " frames"));
                }
            }
        });
        return done;
    }

    private static final class Pump {
        private final ServerWebSocket ws;
        private final List<byte[]> frames;
        private final CompletableFuture<Void> done;
        private int next;

        Pump(ServerWebSocket ws, List<byte[]> frames, CompletableFuture<Void> done) {
            this.ws = ws;
            this.frames = frames;
            this.done = done;
        }

        void run() {
            while (next < frames.size()) {
                if (ws.isClosed()) {
                    done.completeExceptionally(new IllegalStateException("client closed after " + next + " frames"));
                    return;
                }
                if (ws.writeQueueFull()) {
                    ws.drainHandler(v -> {
                        ws.drainHandler(null);
                        run();
                    });
                    return;
                }
                ws.writeBinaryMessage(Buffer.buffer(frames.get(next++)));
            }
            done.complete(null);
        }
    }

    @Override
    public void close() throws Exception {
        for (ServerWebSocket ws : sockets) {
            ws.close();
        }
        server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
