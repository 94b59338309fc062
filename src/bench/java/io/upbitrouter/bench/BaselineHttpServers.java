package io.upbitrouter.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP figure's two baselines, both on 127.0.0.1 and answering every GET with the same bytes:
 * a bare Vert.x HttpServer (the limit of the HTTP stack itself), and a Camel platform-http route
 * whose body is a constant (the limit of Camel's HTTP path, before any of the module's work).
 */
final class BaselineHttpServers {

    private BaselineHttpServers() {
    }

    /** A bare Vert.x server: status 200, the given content type and body, nothing else. */
    static final class BareVertx implements AutoCloseable {
        private final Vertx vertx = Vertx.vertx();
        private final HttpServer server;

        BareVertx(byte[] body, String contentType) throws Exception {
            Buffer buffer = Buffer.buffer(body);
            server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(req -> req.response().putHeader("content-type", contentType).end(buffer));
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        int port() {
            return server.actualPort();
        }

        @Override
        public void close() throws Exception {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** A Camel context with the platform-http Vert.x server and one route answering constant bytes. */
    static final class CamelConstant implements AutoCloseable {
        private final CamelContext context = new DefaultCamelContext();
        private final int port;

        CamelConstant(String path, byte[] body, String contentType) throws Exception {
            port = freePort();
            VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
            conf.setBindHost("127.0.0.1");
            conf.setBindPort(port);
            context.addService(new VertxPlatformHttpServer(conf));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:" + path + "?httpMethodRestrict=GET").routeId("bench-constant-bytes")
                            .setHeader("Content-Type", constant(contentType))
                            .setBody(constant(body));
                }
            });
            context.start();
        }

        int port() {
            return port;
        }

        @Override
        public void close() {
            context.stop();
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
