package io.upbitrouter.wsproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.protocol.ExactJson;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Upbit's WebSocket endpoint ({@code /websocket/v1} by default) on the facade's own HTTP server: a route on the
 * Vert.x router that camel-platform-http's server serves, so the port, host and TLS settings are the facade's.
 * Each upgraded connection is a {@link LocalStreamClient} of the {@link LocalStreamHub}: a subscription message
 * replaces the client's streams, text {@code PING} is answered {@code {"status":"UP"}}, errors go out in Upbit's
 * WebSocket shape ({@code {"error":{"name":..,"message":..}}}). Limits per client: codes per subscription,
 * subscription messages per second, queued messages ({@link LocalStreamClient}), and connections in all.
 * <p>
 * The route is added when the CamelContext has fully started (the platform-http server binds its router while it
 * starts) and removed when this service stops.
 */
public final class LocalWebSocketServer extends ServiceSupport implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(LocalWebSocketServer.class);
    private static final byte[] STATUS_UP = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);

    /** Per-client limits. */
    public record Limits(int maxCodes, int subscriptionsPerSecond, int queueSize,
                         LocalStreamClient.SlowClientPolicy slowClientPolicy, int maxClients, int maxMessageBytes) {
    }

    private final CamelContext camelContext;
    private final LocalStreamHub hub;
    private final String path;
    private final Limits limits;
    private final Clock clock;
    private final AtomicLong connectionIds = new AtomicLong();
    private volatile Route route;

    public LocalWebSocketServer(CamelContext camelContext, LocalStreamHub hub, String path, Limits limits, Clock clock) {
        this.camelContext = camelContext;
        this.hub = hub;
        this.path = path;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        if (alreadyStarted) {
            install(); // added to a running context: no fully-started callback follows
        }
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        install();
    }

    /** Adds the WebSocket route to the platform-http server's router; idempotent. */
    public synchronized void install() {
        if (route != null) {
            return;
        }
        Router router = platformRouter(camelContext);
        if (router == null) {
            LOG.warn("No platform-http Vert.x server in this runtime: the local WebSocket endpoint {} is not served", path);
            return;
        }
        // order(-1): before platform-http's routes, whose body handling would consume the upgrade request
        route = router.route(path).order(-1).handler(this::upgrade);
        LOG.info("Local Upbit WebSocket endpoint on the facade's server at {} (limits: {})", path, limits);
    }

    @Override
    protected synchronized void doStop() {
        if (route != null) {
            route.remove();
            route = null;
        }
        hub.clients().forEach(client -> client.closed());
    }

    static Router platformRouter(CamelContext context) {
        Set<VertxPlatformHttpRouter> routers = context.getRegistry().findByType(VertxPlatformHttpRouter.class);
        return routers.size() == 1 ? routers.iterator().next() : null;
    }

    private void upgrade(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        String connection = request.headers().get(HttpHeaders.CONNECTION);
        if (connection == null || !connection.toLowerCase(java.util.Locale.ROOT).contains("upgrade")) {
            routing.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end(ExactJson.text(error("WRONG_FORMAT", "This path only speaks WebSocket (Upgrade: websocket).")));
            return;
        }
        if (hub.clientCount() >= limits.maxClients()) {
            routing.response().setStatusCode(429).putHeader("Content-Type", "application/json")
                    .end(ExactJson.text(error("TOO_MANY_CONNECTIONS",
                            "At most " + limits.maxClients() + " local WebSocket clients.")));
            return;
        }
        request.toWebSocket().onSuccess(this::accept)
                .onFailure(e -> LOG.debug("WebSocket upgrade failed: {}", e.getMessage()));
    }

    private void accept(ServerWebSocket ws) {
        Context context = Vertx.currentContext();
        LocalStreamClient client = new LocalStreamClient("local-" + connectionIds.incrementAndGet(),
                new SocketOutlet(ws, context), limits.queueSize(), limits.slowClientPolicy());
        hub.connected(client);
        LOG.debug("Local WebSocket client {} connected from {}", client.id(), ws.remoteAddress());
        ws.textMessageHandler(text -> onMessage(client, text));
        ws.binaryMessageHandler(buffer -> onMessage(client, buffer.toString(StandardCharsets.UTF_8)));
        ws.closeHandler(v -> {
            hub.disconnected(client);
            LOG.debug("Local WebSocket client {} left (sent {}, dropped {})", client.id(), client.sent(), client.dropped());
        });
        ws.exceptionHandler(e -> LOG.debug("Local WebSocket client {}: {}", client.id(), e.getMessage()));
    }

    /** One inbound message; quick (a parse and some map updates), so it runs on the socket's event loop. */
    void onMessage(LocalStreamClient client, String text) {
        if ("PING".equals(text.trim())) {
            client.enqueue(STATUS_UP);
            return;
        }
        if (text.length() > limits.maxMessageBytes()) {
            refuse(client, "WRONG_FORMAT", "The request is longer than " + limits.maxMessageBytes() + " characters.");
            return;
        }
        if (!client.takeSubscriptionBudget(clock.millis(), limits.subscriptionsPerSecond())) {
            refuse(client, "TOO_MANY_SUBSCRIBE", "Too many subscription messages: at most "
                    + limits.subscriptionsPerSecond() + " a second per connection.");
            return;
        }
        JsonNode root;
        try {
            root = ExactJson.read(text);
        } catch (Exception e) {
            refuse(client, "WRONG_FORMAT", "The request is not valid JSON.");
            return;
        }
        if (root.isArray()) {
            for (JsonNode item : root) {
                if ("LIST_SUBSCRIPTIONS".equals(item.path("method").asText())) {
                    client.enqueue(ExactJson.bytes(listSubscriptions(client, root)));
                    return;
                }
            }
        }
        try {
            hub.subscribe(client, LocalSubscription.parse(root, limits.maxCodes()));
        } catch (LocalSubscription.Refusal refusal) {
            refuse(client, refusal.name(), refusal.getMessage());
        }
    }

    /** Upbit's answer to {@code [{"method":"LIST_SUBSCRIPTIONS"},{"ticket":..}]}: the client's current streams. */
    static ObjectNode listSubscriptions(LocalStreamClient client, JsonNode request) {
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        reply.put("method", "LIST_SUBSCRIPTIONS");
        com.fasterxml.jackson.databind.node.ArrayNode result = reply.putArray("result");
        LocalSubscription subscription = client.subscription();
        if (subscription != null) {
            for (LocalSubscription.Request stream : subscription.streams()) {
                ObjectNode o = result.addObject();
                o.put("type", stream.type());
                stream.codes().keySet().forEach(o.putArray("codes")::add);
            }
        }
        for (JsonNode item : request) {
            if (item.has("ticket")) {
                reply.set("ticket", item.get("ticket"));
            }
        }
        return reply;
    }

    private static void refuse(LocalStreamClient client, String name, String message) {
        client.enqueue(ExactJson.bytes(error(name, message)));
    }

    static ObjectNode error(String name, String message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putObject("error").put("name", name).put("message", message);
        return root;
    }

    /** A Vert.x server socket as a client's outlet: binary frames of UTF-8 JSON, as Upbit sends them. */
    private static final class SocketOutlet implements LocalStreamClient.Outlet {
        private final ServerWebSocket ws;
        private final Context context;

        SocketOutlet(ServerWebSocket ws, Context context) {
            this.ws = ws;
            this.context = context;
        }

        @Override
        public boolean writeQueueFull() {
            return ws.writeQueueFull();
        }

        @Override
        public void write(byte[] message) {
            if (!ws.isClosed()) {
                ws.writeBinaryMessage(Buffer.buffer(message));
            }
        }

        @Override
        public void onDrain(Runnable action) {
            ws.drainHandler(v -> action.run());
        }

        @Override
        public void close(short code, String reason) {
            if (!ws.isClosed()) {
                ws.close(code, reason);
            }
        }

        @Override
        public void runOnContext(Runnable action) {
            context.runOnContext(v -> action.run());
        }
    }
}
