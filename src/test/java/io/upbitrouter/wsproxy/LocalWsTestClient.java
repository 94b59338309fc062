package io.upbitrouter.wsproxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.protocol.ExactJson;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/** A plain JDK WebSocket client for the facade's endpoint: keeps every message it received, parsed exactly, with its arrival time. */
final class LocalWsTestClient implements AutoCloseable {

    /** One received message and when it arrived (System.currentTimeMillis). */
    record Received(JsonNode json, long atMillis) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closedByServer = new AtomicBoolean();
    private final WebSocket socket;

    LocalWsTestClient(HttpClient http, String url) throws Exception {
        socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), new Listener()).get(10, TimeUnit.SECONDS);
    }

    static String wsUrl(String httpBaseUrl) {
        return httpBaseUrl.replace("http://", "ws://") + "/websocket/v1";
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    List<Received> received() {
        return received;
    }

    List<JsonNode> messages() {
        return received.stream().map(Received::json).toList();
    }

    long count(Predicate<JsonNode> which) {
        return received.stream().map(Received::json).filter(which).count();
    }

    boolean closedByServer() {
        return closedByServer.get();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private final StringBuilder partialText = new StringBuilder();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            partial.writeBytes(bytes);
            if (last) {
                add(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partialText.append(data);
            if (last) {
                add(partialText.toString());
                partialText.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedByServer.set(true);
            return null;
        }

        private void add(String text) {
            try {
                received.add(new Received(ExactJson.read(text), System.currentTimeMillis()));
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + text, e);
            }
        }
    }
}
