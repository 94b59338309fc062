package io.upbitrouter.osgi;

import io.upbitrouter.app.UpbitRouterModule;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.support.PluginHelper;

import java.util.List;
import java.util.Properties;

/**
 * Assembles the module into a CamelContext without Camel Main: each configuration of
 * {@link UpbitRouterModule} is processed as Main would ({@code @BindToRegistry} methods and
 * {@code @PropertyInject} values through the context's bean post-processor, then
 * {@link CamelConfiguration#configure}), then the route builders are added. Used by the OSGi
 * activator and by tests that assemble the module in a plain context. Free of OSGi types.
 */
public final class UpbitRouterContext {

    private UpbitRouterContext() {
    }

    /** A new, not yet started context with the module, the given properties as initial properties. */
    public static CamelContext create(Properties properties) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("upbit-smart-router");
        if (properties != null && !properties.isEmpty()) {
            context.getPropertiesComponent().setInitialProperties(properties);
        }
        assemble(context, UpbitRouterModule.configurations(), UpbitRouterModule.routeBuilders());
        return context;
    }

    /** Applies the configurations, in order, then adds the route builders to an existing context. */
    public static void assemble(CamelContext context, List<CamelConfiguration> configurations,
                                List<RoutesBuilder> routeBuilders) throws Exception {
        CamelBeanPostProcessor processor = PluginHelper.getBeanPostProcessor(context);
        for (CamelConfiguration configuration : configurations) {
            String name = configuration.getClass().getName();
            processor.postProcessBeforeInitialization(configuration, name);
            processor.postProcessAfterInitialization(configuration, name);
            configuration.configure(context);
        }
        for (RoutesBuilder builder : routeBuilders) {
            context.addRoutes(builder);
        }
    }
}
