package io.upbitrouter.osgi;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.cm.ManagedService;

import java.util.Dictionary;
import java.util.Hashtable;

/**
 * The activator's Configuration Admin side: a {@link ManagedService} for the PID {@code io.upbitrouter}
 * (in Karaf: {@code etc/io.upbitrouter.cfg}, or {@code config:edit io.upbitrouter}). Each update restarts the
 * module with the new configuration; no configuration means the defaults. Loaded only when the Configuration
 * Admin API is there.
 */
final class ConfigAdminBinding implements ManagedService {

    private final UpbitRouterActivator activator;
    private final BundleContext bundle;

    private ConfigAdminBinding(UpbitRouterActivator activator, BundleContext bundle) {
        this.activator = activator;
        this.bundle = bundle;
    }

    static ServiceRegistration<ManagedService> register(BundleContext bundle, UpbitRouterActivator activator) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, UpbitRouterActivator.PID);
        return bundle.registerService(ManagedService.class, new ConfigAdminBinding(activator, bundle), properties);
    }

    @Override
    public void updated(Dictionary<String, ?> configuration) throws ConfigurationException {
        try {
            activator.apply(configuration == null ? UpbitRouterActivator.configuration(bundle)
                    : UpbitRouterActivator.configuration(configuration, bundle));
        } catch (Exception e) {
            throw new ConfigurationException(null, "cannot start the Upbit smart router: " + e.getMessage(), e);
        }
    }
}
