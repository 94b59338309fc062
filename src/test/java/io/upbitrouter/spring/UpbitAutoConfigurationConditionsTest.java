package io.upbitrouter.spring;

import io.upbitrouter.api.SmartRouter;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The auto-configuration's switches, with Spring Boot's context runner (no web server): the facade stays out
 * unless {@code upbit.facade.enabled=true}, and {@code upbit.enabled=false} leaves the module out entirely.
 * No request is made and the stream is off: nothing leaves the machine.
 */
class UpbitAutoConfigurationConditionsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, UpbitAutoConfiguration.class))
            .withPropertyValues("upbit.rest.base-url=http://127.0.0.1:9/v1",
                    "upbit.ws.enabled=false", "camel.main.shutdown-timeout=2");

    @Test
    void should_add_the_routes_but_not_the_facade_by_default() {
        runner.run(spring -> {
            CamelContext camel = spring.getBean(CamelContext.class);
            assertNotNull(camel.getRoute("upbit-market-data"));
            assertNull(camel.getRoute("upbit-facade-ticker"), "facade only with upbit.facade.enabled=true");
            assertTrue(camel.getRoutes().stream().noneMatch(r -> r.getEndpoint().getEndpointUri().startsWith("platform-http")));
            assertNotNull(spring.getBean(SmartRouter.class));
        });
    }

    @Test
    void should_leave_the_module_out_when_disabled() {
        runner.withPropertyValues("upbit.enabled=false").run(spring -> {
            assertTrue(spring.getBeansOfType(SmartRouter.class).isEmpty());
            assertNull(spring.getBean(CamelContext.class).getRoute("upbit-market-data"));
        });
    }
}
