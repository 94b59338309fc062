package io.upbitrouter.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted HTTP server on 127.0.0.1 for the REST path's unit tests: it records every request (path,
 * query, headers), answers quotation paths with generated data, enforces 10 requests per second per
 * group (429 past it) and plays forced answers queued by the test first.
 */
public final class FakeUpstream implements AutoCloseable {

    public record Recorded(String path, String query, Map<String, List<String>> headers) {
    }

    public record Forced(int status, String body, Map<String, String> headers, long delayMillis) {
    }

    private final HttpServer server;
    public final Queue<Recorded> requests = new ConcurrentLinkedQueue<>();
    public final AtomicInteger tooManyRequests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Deque<Forced>> forced = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> windows = new ConcurrentHashMap<>();

    public FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/v1/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Queues answers for a group ({@code ticker}, {@code candles}, {@code trade}, {@code orderbook}), played first. */
    public void force(String group, int times, int status, String body, Map<String, String> headers) {
        force(group, times, new Forced(status, body, headers, 0));
    }

    public void force(String group, int times, Forced answer) {
        Deque<Forced> q = forced.computeIfAbsent(group, g -> new ArrayDeque<>());
        synchronized (q) {
            for (int i = 0; i < times; i++) {
                q.add(answer);
            }
        }
    }

    /**
     * Forgets forced answers, recorded requests and counts, once no request is being answered: a call an earlier
     * test abandoned (at its deadline, say) may still arrive late, and must not take an answer forced for the next.
     */
    public void reset() {
        io.upbitrouter.testsupport.Await.until("the fake exchange has answered every request in flight",
                java.time.Duration.ofSeconds(30), () -> inFlight.get() == 0);
        forced.clear();
        requests.clear();
        tooManyRequests.set(0);
    }

    public long requests(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        inFlight.incrementAndGet();
        try {
            answer(ex);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath().substring("/v1/".length());
        String query = ex.getRequestURI().getRawQuery();
        requests.add(new Recorded(path, query, Map.copyOf(ex.getRequestHeaders())));
        String group = path.startsWith("candles") ? "candles" : path.startsWith("trades") ? "trade" : path;
        Deque<Forced> q = forced.get(group);
        Forced f = null;
        if (q != null) {
            synchronized (q) {
                f = q.poll();
            }
        }
        int left = admit(group);
        if (f != null) {
            if (f.delayMillis() > 0) {
                try {
                    Thread.sleep(f.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            f.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            reply(ex, f.status(), f.body(), group, left);
            return;
        }
        if (left < 0) {
            tooManyRequests.incrementAndGet();
            reply(ex, 429, "Too many API requests.", group, 0);
            return;
        }
        Map<String, String> params = params(query);
        String body = switch (group) {
            case "ticker", "orderbook" -> items(params.get("markets").split(","), group);
            case "trade" -> trades(params.get("market"), Integer.parseInt(params.getOrDefault("count", "1")));
            case "candles" -> candles(params.get("market"), Integer.parseInt(params.getOrDefault("count", "1")), params.get("to"));
            default -> null;
        };
        if (body == null) {
            reply(ex, 404, "{\"error\":{\"name\":404,\"message\":\"Not found\"}}", group, left);
        } else {
            reply(ex, 200, body, group, left);
        }
    }

    /** Counts the request in the group's last second; returns what is left, or -1 when over the limit. */
    private int admit(String group) {
        Deque<Long> w = windows.computeIfAbsent(group, g -> new ArrayDeque<>());
        synchronized (w) {
            long now = System.currentTimeMillis();
            while (!w.isEmpty() && w.peekFirst() <= now - 1000) {
                w.pollFirst();
            }
            w.addLast(now);
            return w.size() > 10 ? -1 : 10 - w.size();
        }
    }

    private static void reply(HttpExchange ex, int status, String body, String group, int left) throws IOException {
        ex.getResponseHeaders().add("Remaining-Req", "group=" + group + "; min=600; sec=" + Math.max(0, left));
        ex.getResponseHeaders().add("Content-Type", body.startsWith("{") || body.startsWith("[")
                ? "application/json; charset=utf-8" : "text/plain");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> p = new LinkedHashMap<>();
        if (query != null) {
            for (String kv : query.split("&")) {
                int eq = kv.indexOf('=');
                p.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return p;
    }

    private static String items(String[] markets, String type) {
        List<String> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (String m : markets) {
            out.add("{\"market\":\"" + m + "\",\"" + (type.equals("ticker") ? "trade_price" : "total_ask_size")
                    + "\":100.0,\"timestamp\":" + now + "}");
        }
        return "[" + String.join(",", out) + "]";
    }

    private static String trades(String market, int count) {
        List<String> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            out.add("{\"market\":\"" + market + "\",\"trade_price\":100.0,\"timestamp\":" + (now - i * 10)
                    + ",\"sequential_id\":" + (now * 1000 - i) + "}");
        }
        return "[" + String.join(",", out) + "]";
    }

    /** One candle per minute, every minute, up to the forming one. */
    private static String candles(String market, int count, String to) {
        Instant cursor = to == null ? Instant.now().plus(1, ChronoUnit.MINUTES) : Instant.parse(to);
        Instant start = cursor.minusNanos(1).truncatedTo(ChronoUnit.MINUTES);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(count, 200); i++) {
            Instant s = start.minus(i, ChronoUnit.MINUTES);
            out.add("{\"market\":\"" + market + "\",\"candle_date_time_utc\":\"" + LocalDateTime.ofInstant(s, ZoneOffset.UTC)
                    + ":00\",\"trade_price\":100.0,\"timestamp\":" + (s.toEpochMilli() + 30_000) + ",\"unit\":1}");
        }
        return "[" + String.join(",", out) + "]";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
