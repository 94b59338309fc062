package io.upbitrouter.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * The first handler of every request on the embedded HTTP server (the facade and the {@code /observe}
 * endpoints): it refuses what must never reach a route, in Upbit's error JSON.
 * <ul>
 *   <li>401 {@code unauthorized} when {@code upbit.http.auth-token} is set and the request does not carry
 *       {@code Authorization: Bearer <token>} (compared in constant time);</li>
 *   <li>503 {@code starting} with {@code Retry-After: 1} until the CamelContext has started every route;</li>
 *   <li>503 {@code shutting_down} with {@code Retry-After: 1} and {@code Connection: close} once the context
 *       stops. Requests already past this handler are answered: Camel's graceful shutdown waits for them.</li>
 * </ul>
 * It is installed through platform-http-vertx's authentication hook ({@link #installOn}), which adds it to the
 * router before the server listens, so no request can overtake it. Unknown paths (404) and other methods (405)
 * are answered by {@link #installErrorPages} on the server's root router once the context has started.
 * A request that passes goes on to the facade's fast path ({@link UpbitFastHits}) where this is the facade's server and
 * {@code upbit.facade.fast-hits} is on, else to the routes. Thread-safe; it never blocks the event loop.
 */
public final class UpbitHttpFrontDoor implements AuthenticationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UpbitHttpFrontDoor.class);
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final CamelContext context;
    private final byte[] token;
    /** What a request that passes goes to first: the facade's fast path, or null for the routes directly. */
    private final Handler<RoutingContext> passed;

    /** @param token the bearer token every request must carry, or null / blank for none */
    public UpbitHttpFrontDoor(CamelContext context, String token) {
        this(context, token, null);
    }

    private UpbitHttpFrontDoor(CamelContext context, String token, Handler<RoutingContext> passed) {
        this.context = context;
        this.token = token == null || token.isBlank() ? null : sha256(token.trim().getBytes(StandardCharsets.UTF_8));
        this.passed = passed;
    }

    /** The front door configured from {@code upbit.http.auth-token} (empty by default: no token asked). */
    public static UpbitHttpFrontDoor configured(CamelContext context) {
        return new UpbitHttpFrontDoor(context, context.resolvePropertyPlaceholders("{{upbit.http.auth-token:}}"));
    }

    /**
     * The front door of the server that serves the facade: configured as {@link #configured}, and with
     * {@value UpbitRouterConstants#PROPERTY_FACADE_FAST_HITS} (true by default) a request that passes its checks goes to
     * the facade's fast path ({@link UpbitFastHits}) before the routes.
     */
    static UpbitHttpFrontDoor configuredForFacade(CamelContext context) {
        boolean fastHits = Boolean.parseBoolean(context.resolvePropertyPlaceholders(
                "{{" + UpbitRouterConstants.PROPERTY_FACADE_FAST_HITS + ":true}}").trim());
        return new UpbitHttpFrontDoor(context, context.resolvePropertyPlaceholders("{{upbit.http.auth-token:}}"),
                fastHits ? new UpbitFastHits(context) : null);
    }

    /**
     * Puts a front door first on the server that configuration describes, the server of the facade's routes (with the
     * fast path as {@code upbit.facade.fast-hits} says); must be called before that server starts. Does nothing when
     * the configuration already has one.
     */
    public static void installOn(VertxPlatformHttpServerConfiguration configuration, CamelContext context) {
        installOn(configuration, context, true);
    }

    /**
     * As {@link #installOn(VertxPlatformHttpServerConfiguration, CamelContext)}; {@code facade} false for a server that
     * does not serve the facade's routes (a management server of its own port): no fast path there.
     */
    static void installOn(VertxPlatformHttpServerConfiguration configuration, CamelContext context, boolean facade) {
        AuthenticationConfig auth = configuration.getAuthenticationConfig();
        if (auth.getEntries().stream().anyMatch(e -> e.getAuthenticationHandlerFactory() instanceof FrontDoorFactory)) {
            return;
        }
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        // the only entry: platform-http-vertx adds the entries of more specific paths first, so a handler of the fast
        // path's own (/v1/ticker) would run before this one; it is called from here instead, after the checks
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new FrontDoorFactory(facade ? configuredForFacade(context) : configured(context)));
        auth.getEntries().add(entry);
        auth.setEnabled(true);
    }

    /** The handler factory the entry carries, recognisable so the front door is added once per server. */
    private record FrontDoorFactory(UpbitHttpFrontDoor door) implements AuthenticationConfig.AuthenticationHandlerFactory {
        @Override
        public <T extends io.vertx.ext.auth.authentication.AuthenticationProvider> AuthenticationHandler
                createAuthenticationHandler(T provider) {
            return door;
        }
    }

    /**
     * Answers unknown paths (404) and other methods than GET (405, {@code Allow: GET}) in Upbit's error JSON
     * on every Vert.x platform-http server of the context, instead of Vert.x's HTML page and empty 405.
     */
    public static void installErrorPages(CamelContext context) {
        for (VertxPlatformHttpServer server : context.hasServices(VertxPlatformHttpServer.class)) {
            if (server.getServer() != null && server.getServer().requestHandler() instanceof Router root) {
                root.errorHandler(404, ctx -> answer(ctx, 404, "not_found", "no such path: "
                        + abbreviated(ctx.request().path()) + " (served: /v1/ticker, /v1/orderbook, /v1/trades/ticks, "
                        + "/v1/candles/..., /v1/market/all)"));
                root.errorHandler(405, ctx -> {
                    ctx.response().putHeader("Allow", "GET");
                    answer(ctx, 405, "method_not_allowed", ctx.request().method().name() + " is not served; use GET");
                });
                root.errorHandler(500, ctx -> {
                    if (ctx.failure() != null) {
                        LOG.warn("HTTP request {} failed", ctx.request().path(), ctx.failure());
                    }
                    answer(ctx, 500, "internal_error", "the proxy failed to answer this request; see its log");
                });
            } else {
                LOG.warn("Cannot add Upbit error answers to the HTTP server {}: no Vert.x router found", server);
            }
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (token != null && !authorized(ctx.request().getHeader("Authorization"))) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            answer(ctx, 401, "unauthorized", "this server asks for Authorization: Bearer <token> (upbit.http.auth-token)");
            return;
        }
        ServiceStatus status = context.getStatus();
        if (status.isStarted()) {
            if (passed != null) {
                passed.handle(ctx);
            } else {
                ctx.next();
            }
        } else if (STARTING.contains(status)) {
            ctx.response().putHeader("Retry-After", "1");
            answer(ctx, 503, "starting", "the proxy is starting; try again in a second");
        } else {
            ctx.response().putHeader("Retry-After", "1").putHeader("Connection", "close");
            answer(ctx, 503, "shutting_down", "the proxy is shutting down");
        }
    }

    private static final Set<ServiceStatus> STARTING =
            Set.of(ServiceStatus.Initializing, ServiceStatus.Initialized, ServiceStatus.Starting);

    /** Compares digests, so neither the token's bytes nor its length show in the time taken. */
    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(sha256(header.substring(7).trim().getBytes(StandardCharsets.UTF_8)), token);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String abbreviated(String path) {
        return path == null ? "" : path.length() <= 100 ? path : path.substring(0, 100) + "...";
    }

    /** Writes Upbit's error JSON with the status; nothing else of the request is echoed but the path. */
    static void answer(RoutingContext ctx, int status, String name, String message) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", JSON_TYPE)
                .end(UpbitErrorAnswer.errorJson(name, message));
    }
}
