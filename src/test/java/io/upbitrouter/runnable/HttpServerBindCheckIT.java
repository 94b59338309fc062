package io.upbitrouter.runnable;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpServerBindCheckIT {

    private static DefaultCamelContext contextWith(String enabled, int port) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties p = new Properties();
        p.setProperty("camel.server.enabled", enabled);
        p.setProperty("camel.server.host", "127.0.0.1");
        p.setProperty("camel.server.port", Integer.toString(port));
        context.getPropertiesComponent().setInitialProperties(p);
        return context;
    }

    @Test
    void should_refuse_to_start_when_the_http_port_is_taken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> HttpServerBindCheck.verify(contextWith("true", taken.getLocalPort())));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void should_pass_when_the_port_is_free_or_the_server_is_off() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        int port = free;
        assertDoesNotThrow(() -> HttpServerBindCheck.verify(contextWith("true", port)));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertDoesNotThrow(() -> HttpServerBindCheck.verify(contextWith("false", taken.getLocalPort())));
        }
    }
}
