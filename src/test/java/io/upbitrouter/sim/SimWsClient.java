package io.upbitrouter.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (java.net.http) that queues every message it receives, noting its frame kind. */
final class SimWsClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(20); // generous: the machine is shared and noisy

    /** A received message: its text and whether it came in binary frames. */
    record Message(String text, boolean binary) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }
    }

    final BlockingQueue<Message> messages;
    final CompletableFuture<Integer> closed;
    final BlockingQueue<ByteBuffer> pongs;
    final WebSocket socket;

    private SimWsClient(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.messages = listener.messages;
        this.closed = listener.closed;
        this.pongs = listener.pongs;
    }

    static SimWsClient connect(String url) throws Exception {
        return connect(url, null);
    }

    static SimWsClient connect(String url, String origin) throws Exception {
        Listener listener = new Listener();
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
        if (origin != null) {
            b.header("Origin", origin);
        }
        WebSocket ws = b.buildAsync(URI.create(url), listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return new SimWsClient(ws, listener);
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The next message, failing after the bounded wait. */
    Message next() throws InterruptedException {
        Message m = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no WebSocket message within " + WAIT);
        }
        return m;
    }

    JsonNode nextJson() throws InterruptedException {
        return next().json();
    }

    /** Whether nothing arrives within a short bounded wait (for asserting silence after a known event). */
    Message poll(Duration d) throws InterruptedException {
        return messages.poll(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Owns what it fills, so frames and errors arriving before {@code buildAsync} completes are kept. */
    private static final class Listener implements WebSocket.Listener {
        final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream bin = new ByteArrayOutputStream();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            bin.writeBytes(b);
            if (last) {
                messages.add(new Message(bin.toString(StandardCharsets.UTF_8), true));
                bin.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(new Message(text.toString(), false));
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            pongs.add(message);
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }
}
