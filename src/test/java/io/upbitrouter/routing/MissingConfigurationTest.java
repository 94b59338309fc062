package io.upbitrouter.routing;

import io.upbitrouter.ws.StreamIngestRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routes added without the module's configurations fail with a message that names the real cause. */
class MissingConfigurationTest {

    @Test
    void should_say_the_configurations_were_not_processed_before_the_routes() throws Exception {
        for (RoutesBuilder routes : List.<RoutesBuilder>of(new MarketDataRoutes(), new StreamIngestRoutes())) {
            try (CamelContext context = new DefaultCamelContext()) {
                Exception e = assertThrows(Exception.class, () -> {
                    context.addRoutes(routes);
                    context.start();
                });
                Throwable cause = e;
                while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
                    cause = cause.getCause();
                }
                String message = String.valueOf(cause.getMessage());
                assertTrue(message.contains("UpbitRouterModule.configurations()") && message.contains("processed before"),
                        routes.getClass().getSimpleName() + ": " + message);
            }
        }
    }
}
