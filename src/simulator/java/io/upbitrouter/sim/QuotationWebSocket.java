package io.upbitrouter.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upbit's quotation WebSocket ({@code /websocket/v1}): silent until subscribed; each subscription
 * message replaces the previous one and is answered by a SNAPSHOT per stream, then REALTIME
 * messages as trades happen; data in binary frames; text {@code PING} answered {@code {"status":"UP"}};
 * idle connections closed. Applies the WebSocket faults of {@link SimulatorFaults}.
 */
final class QuotationWebSocket implements SimulatorFaults.Connections {

    private static final Logger LOG = LoggerFactory.getLogger(QuotationWebSocket.class);
    private static final byte[] MALFORMED = "{\"type\":\"ticker\",\"code\":\"KRW-BTC\",\"trade_pri".getBytes(StandardCharsets.UTF_8);

    private final Vertx vertx;
    private final MarketGenerator market;
    private final ExchangeRateLimits limits;
    private final SimulatorCounters counters;
    private final Clock clock;
    private final Duration idleTimeout;
    private final int subscriptionsPerSecond;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private SimulatorFaults faults;
    private long idleTimer = -1;

    QuotationWebSocket(Vertx vertx, MarketGenerator market, ExchangeRateLimits limits, SimulatorCounters counters,
                       Duration idleTimeout, int subscriptionsPerSecond) {
        this.vertx = vertx;
        this.market = market;
        this.limits = limits;
        this.counters = counters;
        this.clock = limits.clock();
        this.idleTimeout = idleTimeout;
        this.subscriptionsPerSecond = subscriptionsPerSecond;
        market.addListener(this::onTrade);
    }

    void faults(SimulatorFaults faults) {
        this.faults = faults;
    }

    void start() {
        long period = Math.max(20, Math.min(1000, idleTimeout.toMillis() / 4));
        idleTimer = vertx.setPeriodic(period, id -> closeIdle());
    }

    void stop() {
        if (idleTimer >= 0) {
            vertx.cancelTimer(idleTimer);
        }
        dropAll();
    }

    /** The upgrade request: refused with 429/418 over the connection limits, else upgraded. */
    void handle(RoutingContext ctx) {
        String client = ctx.request().remoteAddress().host();
        ExchangeRateLimits.Decision d = limits.admitConnection(client, ctx.request().getHeader("Origin") != null);
        if (d.verdict() != ExchangeRateLimits.Verdict.ALLOWED) {
            counters.connectionRefused();
            QuotationRestApi.refuse(ctx, d, "websocket", counters);
            return;
        }
        HttpConnection connection = ctx.request().connection();
        ctx.request().toWebSocket().onSuccess(ws -> open(ws, connection))
                .onFailure(e -> LOG.debug("WebSocket upgrade failed: {}", e.toString()));
    }

    private void open(ServerWebSocket ws, HttpConnection connection) {
        Session s = new Session(ws, connection);
        sessions.add(s);
        counters.connectionOpened();
        ws.textMessageHandler(s::onMessage);
        ws.binaryMessageHandler(b -> s.onMessage(b.toString(StandardCharsets.UTF_8)));
        ws.pongHandler(b -> s.touch());
        // every inbound frame is traffic, ping frames included (Vert.x answers those with a pong itself)
        ws.frameHandler(f -> s.touch());
        ws.exceptionHandler(e -> LOG.debug("WebSocket error: {}", e.toString()));
        ws.closeHandler(v -> {
            if (sessions.remove(s)) {
                counters.connectionClosed();
            }
        });
    }

    @Override
    public void dropAll() {
        for (Session s : sessions) {
            // the server ends the connection; Vert.x still sends a close frame (a silent cut is the `silent` fault)
            s.connection.close();
        }
    }

    @Override
    public void sendMalformed(int n) {
        for (Session s : sessions) {
            if (s.subscription != null) {
                for (int i = 0; i < n; i++) {
                    s.ws.writeBinaryMessage(Buffer.buffer(MALFORMED));
                    counters.malformedFrameSent();
                }
            }
        }
    }

    @Override
    public void releaseHeld() {
        for (Session s : sessions) {
            s.releaseHeld();
        }
    }

    /** Closes connections idle past the timeout (run periodically; tests may run it at once). */
    void closeIdle() {
        long now = clock.millis();
        for (Session s : sessions) {
            try {
                if (now - s.lastActivity > idleTimeout.toMillis() && !s.idleClosing) {
                    s.idleClosing = true;
                    LOG.info("Closing simulated WebSocket connection idle for more than {} s", idleTimeout.toSeconds());
                    s.ws.close((short) 1000, "idle timeout");
                    // a peer that never answers the close handshake loses the TCP connection anyway
                    vertx.setTimer(2000, id -> s.connection.close());
                }
            } catch (RuntimeException e) {
                LOG.debug("Idle close of a WebSocket failed: {}", e.toString());
            }
        }
    }

    /** Called under the market's trade order for every new trade. */
    private void onTrade(Trade t) {
        Map<String, ObjectNode> built = new HashMap<>();
        for (Session s : sessions) {
            WsSubscription sub = s.subscription;
            if (sub == null) {
                continue;
            }
            for (WsSubscription.Stream st : sub.streams()) {
                Integer units = st.codes().get(t.market());
                if (units == null || st.onlySnapshot()) {
                    continue;
                }
                String key = st.type().equals("orderbook") ? "orderbook." + units + "." + st.level() : st.type();
                ObjectNode msg = built.computeIfAbsent(key, k -> realtime(st, t, units));
                if (msg != null) {
                    s.send(sub, msg, st.type() + "|" + t.market(), "REALTIME");
                }
            }
        }
    }

    private ObjectNode realtime(WsSubscription.Stream st, Trade t, int units) {
        return switch (st.type()) {
            case "ticker" -> UpbitJson.wsTicker(market.ticker(t.market()));
            case "trade" -> UpbitJson.wsTrade(t, market.previousClose(t.market(), t.timestamp()));
            case "orderbook" -> orderbookMessage(t.market(), units, st.level());
            default -> UpbitJson.wsCandle(market.candleOf(t, st.period()));
        };
    }

    /** An orderbook message, or null when the level is not supported for the market (nothing is sent). */
    private ObjectNode orderbookMessage(String code, int units, double level) {
        Orderbook book = market.orderbook(code, units, level);
        return book == null ? null : UpbitJson.wsOrderbook(book);
    }

    private ObjectNode snapshot(WsSubscription.Stream st, String code, int units) {
        if (market.lastTrade(code).isEmpty()) {
            return null;
        }
        Trade last = market.lastTrade(code).get();
        return switch (st.type()) {
            case "ticker" -> UpbitJson.wsTicker(market.ticker(code));
            case "trade" -> UpbitJson.wsTrade(last, market.previousClose(code, last.timestamp()));
            case "orderbook" -> orderbookMessage(code, units, st.level());
            default -> market.latestCandle(code, st.period()).map(UpbitJson::wsCandle).orElse(null);
        };
    }

    /** One client connection: its subscription, budgets and held-back (out-of-order) messages. */
    private final class Session {
        final ServerWebSocket ws;
        final HttpConnection connection;
        final ExchangeRateLimits.MessageBudget budget = new ExchangeRateLimits.MessageBudget(clock, subscriptionsPerSecond);
        final Map<String, byte[]> held = new LinkedHashMap<>();
        volatile WsSubscription subscription;
        volatile long lastActivity = clock.millis();
        volatile boolean idleClosing;

        Session(ServerWebSocket ws, HttpConnection connection) {
            this.ws = ws;
            this.connection = connection;
        }

        void touch() {
            lastActivity = clock.millis();
        }

        /** Inbound messages are handled off the event loop, one at a time in arrival order. */
        void onMessage(String text) {
            touch();
            // The exchange counts a subscription message when it arrives; taking the budget later, when a worker
            // gets to it, would count messages that queued behind a large subscription as one burst.
            boolean withinBudget = text.trim().equals("PING") || budget.take();
            vertx.executeBlocking(() -> {
                handle(text, withinBudget);
                return null;
            }, true).onFailure(e -> LOG.warn("Simulated WebSocket message handling failed", e));
        }

        private void handle(String text, boolean withinBudget) {
            if (text.trim().equals("PING")) {
                if (!faults.isSilent()) {
                    write(UpbitJson.bytes(statusUp()));
                }
                return;
            }
            counters.subscriptionReceived();
            if (!withinBudget) {
                refuse("TOO_MANY_SUBSCRIBE", "Too many subscription messages: at most "
                        + subscriptionsPerSecond + " a second and 100 a minute per connection.");
                return;
            }
            JsonNode root;
            try {
                root = UpbitJson.MAPPER.readTree(text);
            } catch (Exception e) {
                refuse("WRONG_FORMAT", "The request is not valid JSON.");
                return;
            }
            if (root != null && root.isArray()) {
                for (JsonNode item : root) {
                    if ("LIST_SUBSCRIPTIONS".equals(item.path("method").asText())) {
                        listSubscriptions(root);
                        return;
                    }
                }
            }
            WsSubscription sub;
            try {
                sub = WsSubscription.parse(root);
            } catch (WsSubscription.Refusal r) {
                refuse(r.name, r.getMessage());
                return;
            }
            market.inTradeOrder(() -> subscribe(sub));
        }

        private void subscribe(WsSubscription sub) {
            synchronized (this) {
                held.clear();
            }
            subscription = sub;
            for (WsSubscription.Stream st : sub.streams()) {
                if (st.onlyRealtime()) {
                    continue;
                }
                st.codes().forEach((code, units) -> {
                    if (market.lists(code)) {
                        ObjectNode snap = snapshot(st, code, units);
                        if (snap != null) {
                            send(sub, snap, st.type() + "|" + code, "SNAPSHOT");
                        }
                    }
                });
            }
        }

        private void listSubscriptions(JsonNode root) {
            ObjectNode reply = UpbitJson.object();
            reply.put("method", "LIST_SUBSCRIPTIONS");
            ArrayNode result = reply.putArray("result");
            WsSubscription sub = subscription;
            if (sub != null) {
                for (WsSubscription.Stream st : sub.streams()) {
                    ObjectNode o = result.addObject();
                    o.put("type", st.type());
                    ArrayNode codes = o.putArray("codes");
                    st.codes().keySet().forEach(codes::add);
                }
            }
            for (JsonNode item : root) {
                if (item.has("ticket")) {
                    reply.set("ticket", item.get("ticket"));
                }
            }
            write(UpbitJson.bytes(reply));
        }

        private void refuse(String name, String message) {
            counters.subscriptionError();
            write(UpbitJson.bytes(UpbitJson.error(name, message)));
        }

        void send(WsSubscription sub, ObjectNode message, String streamKey, String streamType) {
            if (faults.isSilent() || faults.isDataStalled(message.path("code").asText())) {
                return;
            }
            ObjectNode m = message.deepCopy();
            m.put("stream_type", streamType);
            JsonNode out = sub.simple() ? UpbitJson.simple(m) : m;
            if (sub.list()) {
                out = UpbitJson.array().add(out);
            }
            byte[] bytes = UpbitJson.bytes(out);
            synchronized (this) {
                if (faults.isOutOfOrder()) {
                    byte[] older = held.remove(streamKey);
                    if (older == null) {
                        held.put(streamKey, bytes);
                        return;
                    }
                    data(bytes);
                    data(older);
                    return;
                }
                data(bytes);
            }
        }

        synchronized void releaseHeld() {
            held.values().forEach(this::data);
            held.clear();
        }

        private void data(byte[] bytes) {
            write(bytes);
            counters.messageSent();
            if (faults.isDuplicates()) {
                write(bytes);
                counters.messageSent();
            }
        }

        private void write(byte[] bytes) {
            if (!ws.isClosed()) {
                // activity is stamped before the frame leaves: the peer may act on it (and the clock move) at once
                touch();
                ws.writeBinaryMessage(Buffer.buffer(bytes));
            }
        }
    }

    private static ObjectNode statusUp() {
        ObjectNode o = UpbitJson.object();
        o.put("status", "UP");
        return o;
    }
}
