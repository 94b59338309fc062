package io.upbitrouter.runnable;

import org.apache.camel.CamelContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Refuses to start the runnable when the embedded HTTP server's address (the facade, health and
 * metrics) is taken. Camel's Vert.x platform-http server only logs a bind failure and carries on,
 * which would leave a proxy that answers nothing while its log says it started.
 */
final class HttpServerBindCheck {

    private HttpServerBindCheck() {
    }

    /** Throws IllegalStateException naming host and port when {@code camel.server.*} cannot be bound now. */
    static void verify(CamelContext context) {
        String enabled = context.resolvePropertyPlaceholders("{{camel.server.enabled:false}}");
        if (!Boolean.parseBoolean(enabled)) {
            return;
        }
        String host = context.resolvePropertyPlaceholders("{{camel.server.host:127.0.0.1}}");
        int port = Integer.parseInt(context.resolvePropertyPlaceholders("{{camel.server.port:8080}}"));
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("the HTTP server cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "): free the port or set camel.server.port / camel.server.host", e);
        }
    }
}
