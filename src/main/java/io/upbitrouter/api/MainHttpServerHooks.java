package io.upbitrouter.api;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;

/**
 * Puts the {@link UpbitHttpFrontDoor} on the servers Camel Main creates ({@code camel.server.*} and, when it has
 * a port of its own, {@code camel.management.*}) while they are being added to the context, before they listen.
 * Loaded only when such a server is added, so runtimes without camel-platform-http-main never load it.
 */
final class MainHttpServerHooks {

    private MainHttpServerHooks() {
    }

    static void install(Object service, CamelContext context) {
        if (service instanceof MainHttpServer main) {
            UpbitHttpFrontDoor.installOn(main.getConfiguration(), context);
        } else if (service instanceof ManagementHttpServer management) {
            // a management server of its own port serves /observe only: no fast path of the facade there
            UpbitHttpFrontDoor.installOn(management.getConfiguration(), context, false);
        }
    }
}
