package io.upbitrouter.osgi;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Properties;

/**
 * Starts the module inside an OSGi container (Karaf) without Camel Main: builds a CamelContext from
 * {@link UpbitRouterContext} (camel-karaf's OSGi-aware context when the container has it, so components
 * and languages of other bundles resolve), adds the embedded Vert.x HTTP server for the facade, loads
 * YAML routes when configured, and starts it; stops it with the bundle.
 * <p>
 * Configuration: {@code etc/io.upbitrouter.cfg} (every {@code upbit.*} key of the runnable), then
 * framework properties. Own keys: {@code upbit.osgi.server.host} (127.0.0.1), {@code upbit.osgi.server.port}
 * (8080; the facade is off when {@code upbit.facade.enabled=false}), {@code upbit.osgi.routes} (a resource
 * pattern such as {@code file:etc/upbit-routes/*.yaml}; none by default).
 * This class is the bundle's only reference to OSGi types; outside a container it is never loaded.
 */
public class UpbitRouterActivator implements BundleActivator {

    private static final Logger LOG = LoggerFactory.getLogger(UpbitRouterActivator.class);
    static final String CONFIG_FILE = "io.upbitrouter.cfg";
    private static final String OSGI_CONTEXT = "org.apache.camel.karaf.core.OsgiDefaultCamelContext";

    private volatile CamelContext context;

    @Override
    public void start(BundleContext bundle) throws Exception {
        Properties properties = configuration(bundle);
        CamelContext camel = newContext(bundle);
        camel.getPropertiesComponent().setInitialProperties(properties);
        if (Boolean.parseBoolean(properties.getProperty("upbit.facade.enabled", "true"))) {
            VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
            server.setBindHost(properties.getProperty("upbit.osgi.server.host", "127.0.0.1"));
            server.setBindPort(Integer.parseInt(properties.getProperty("upbit.osgi.server.port", "8080")));
            io.upbitrouter.api.UpbitHttpFrontDoor.installOn(server, camel);
            camel.addService(new VertxPlatformHttpServer(server));
        }
        UpbitRouterContext.assemble(camel, io.upbitrouter.app.UpbitRouterModule.configurations(),
                io.upbitrouter.app.UpbitRouterModule.routeBuilders());
        String routes = properties.getProperty("upbit.osgi.routes");
        if (routes != null && !routes.isBlank()) {
            Collection<Resource> resources = PluginHelper.getPackageScanResourceResolver(camel).findResources(routes);
            PluginHelper.getRoutesLoader(camel).loadRoutes(resources);
        }
        camel.start();
        context = camel;
        LOG.info("Upbit smart router started in bundle {} ({} routes)", bundle.getBundle().getSymbolicName(),
                camel.getRoutes().size());
    }

    @Override
    public void stop(BundleContext bundle) {
        CamelContext camel = context;
        context = null;
        if (camel != null) {
            camel.stop();
        }
    }

    /** The running context, or null when stopped. */
    public CamelContext context() {
        return context;
    }

    /** camel-karaf's OSGi context when the container offers it (found through DynamicImport-Package), else a plain one. */
    private static CamelContext newContext(BundleContext bundle) throws Exception {
        try {
            Class<?> osgi = Class.forName(OSGI_CONTEXT, true, UpbitRouterActivator.class.getClassLoader());
            return (CamelContext) osgi.getConstructor(BundleContext.class).newInstance(bundle);
        } catch (ClassNotFoundException | NoClassDefFoundError notInKaraf) {
            return new org.apache.camel.impl.DefaultCamelContext();
        }
    }

    /** {@code <karaf.etc>/io.upbitrouter.cfg}, then framework properties of the same keys win. */
    static Properties configuration(BundleContext bundle) throws IOException {
        Properties properties = new Properties();
        String etc = bundle.getProperty("karaf.etc");
        if (etc != null) {
            Path file = Path.of(etc, CONFIG_FILE);
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    properties.load(in);
                }
            }
        }
        for (String key : properties.stringPropertyNames()) {
            String framework = bundle.getProperty(key);
            if (framework != null) {
                properties.setProperty(key, framework);
            }
        }
        for (String key : new String[] {"upbit.osgi.server.host", "upbit.osgi.server.port", "upbit.osgi.routes",
                "upbit.rest.base-url", "upbit.ws.url", "upbit.facade.enabled"}) {
            String framework = bundle.getProperty(key);
            if (framework != null) {
                properties.setProperty(key, framework);
            }
        }
        return properties;
    }
}
