package io.upbitrouter.osgi;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import io.upbitrouter.api.SmartRouter;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Properties;
import java.util.Set;

/**
 * Starts the module inside an OSGi container (Karaf) without Camel Main: builds a CamelContext from
 * {@link UpbitRouterContext} (camel-karaf's OSGi-aware context when the container has it, so components
 * and languages of other bundles resolve), adds the embedded Vert.x HTTP server for the facade when configured,
 * loads YAML routes when configured, starts it, and registers the module's {@link SmartRouter} as an OSGi service
 * for other bundles; stops it with the bundle.
 * <p>
 * Configuration: Configuration Admin, PID {@code io.upbitrouter} (in Karaf {@code etc/io.upbitrouter.cfg}; every
 * {@code upbit.*} key of the runnable); each update restarts the module. Without Configuration Admin, the file
 * {@code <karaf.etc>/io.upbitrouter.cfg} is read once. Framework properties of the same keys win. Own keys:
 * {@code upbit.facade.enabled} (false: the facade is opt-in here), {@code upbit.osgi.server.host} (127.0.0.1),
 * {@code upbit.osgi.server.port} (8080), {@code upbit.osgi.routes} (a resource pattern such as
 * {@code file:etc/upbit-routes/*.yaml}; none by default).
 * This package is the bundle's only reference to OSGi types; outside a container it is never loaded.
 */
public class UpbitRouterActivator implements BundleActivator {

    private static final Logger LOG = LoggerFactory.getLogger(UpbitRouterActivator.class);
    /** The Configuration Admin PID. */
    public static final String PID = "io.upbitrouter";
    static final String CONFIG_FILE = PID + ".cfg";
    private static final String OSGI_CONTEXT = "org.apache.camel.karaf.core.OsgiDefaultCamelContext";
    private static final Set<String> CONFIG_ADMIN_KEYS = Set.of(Constants.SERVICE_PID, "service.bundleLocation",
            "service.factoryPid", "felix.fileinstall.filename");

    private volatile BundleContext bundle;
    private volatile CamelContext context;
    private ServiceRegistration<SmartRouter> routerService;
    private ServiceRegistration<?> configurationListener;
    private boolean stopped;

    @Override
    public void start(BundleContext bundle) throws Exception {
        this.bundle = bundle;
        synchronized (this) {
            stopped = false;
        }
        if (configurationAdminApi()) {
            // Configuration Admin calls back with the configuration (or none), on its own thread
            configurationListener = ConfigAdminBinding.register(bundle, this);
        } else {
            apply(configuration(bundle));
        }
    }

    @Override
    public void stop(BundleContext bundle) {
        ServiceRegistration<?> listener = configurationListener;
        configurationListener = null;
        if (listener != null) {
            listener.unregister();
        }
        synchronized (this) {
            stopped = true;
            stopModule();
        }
    }

    /** The running context, or null when stopped or not configured yet. */
    public CamelContext context() {
        return context;
    }

    /** (Re)starts the module with this configuration: the running one stops first. */
    synchronized void apply(Properties properties) throws Exception {
        if (stopped) {
            return;
        }
        stopModule();
        CamelContext camel = newContext(bundle);
        camel.getPropertiesComponent().setInitialProperties(properties);
        if (Boolean.parseBoolean(properties.getProperty("upbit.facade.enabled", "false").trim())) {
            VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
            server.setBindHost(properties.getProperty("upbit.osgi.server.host", "127.0.0.1").trim());
            server.setBindPort(Integer.parseInt(properties.getProperty("upbit.osgi.server.port", "8080").trim()));
            io.upbitrouter.api.UpbitHttpFrontDoor.installOn(server, camel);
            camel.addService(new VertxPlatformHttpServer(server));
        }
        UpbitRouterContext.assemble(camel, io.upbitrouter.app.UpbitRouterModule.configurations(),
                io.upbitrouter.app.UpbitRouterModule.routeBuilders());
        String routes = properties.getProperty("upbit.osgi.routes");
        if (routes != null && !routes.isBlank()) {
            Collection<Resource> resources = PluginHelper.getPackageScanResourceResolver(camel).findResources(routes.trim());
            PluginHelper.getRoutesLoader(camel).loadRoutes(resources);
        }
        camel.start();
        context = camel;
        SmartRouter router = camel.getRegistry().findSingleByType(SmartRouter.class);
        Dictionary<String, Object> serviceProperties = new Hashtable<>();
        serviceProperties.put("camel.context.name", camel.getName());
        routerService = bundle.registerService(SmartRouter.class, router != null ? router : new SmartRouter(camel),
                serviceProperties);
        LOG.info("Upbit smart router started in bundle {} ({} routes, facade {})", bundle.getBundle().getSymbolicName(),
                camel.getRoutes().size(), camel.hasService(VertxPlatformHttpServer.class) != null ? "on" : "off");
    }

    private void stopModule() {
        ServiceRegistration<SmartRouter> registration = routerService;
        routerService = null;
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters a stopping bundle's services itself
            }
        }
        CamelContext camel = context;
        context = null;
        if (camel != null) {
            camel.stop();
        }
    }

    private static boolean configurationAdminApi() {
        try {
            Class.forName("org.osgi.service.cm.ManagedService", false, UpbitRouterActivator.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
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

    /** A Configuration Admin configuration (its own service keys left out), then framework properties of the same keys win. */
    static Properties configuration(Dictionary<String, ?> configuration, BundleContext bundle) {
        Properties properties = new Properties();
        for (Enumeration<String> keys = configuration.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            if (!CONFIG_ADMIN_KEYS.contains(key)) {
                properties.setProperty(key, String.valueOf(configuration.get(key)));
            }
        }
        return withFrameworkProperties(properties, bundle);
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
        return withFrameworkProperties(properties, bundle);
    }

    private static Properties withFrameworkProperties(Properties properties, BundleContext bundle) {
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
