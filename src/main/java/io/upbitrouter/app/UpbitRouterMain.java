package io.upbitrouter.app;

import org.apache.camel.main.Main;

/**
 * The standalone runnable: Camel Main with the module's routes, configured from
 * {@code config/application.properties} (then system properties, then environment variables).
 */
public final class UpbitRouterMain {

    private UpbitRouterMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        String configDir = System.getProperty("upbit.config.dir", System.getenv().getOrDefault("UPBIT_CONFIG_DIR", "config"));
        main.setPropertyPlaceholderLocations("file:" + configDir + "/application.properties;optional=true");
        UpbitRouterModule.configurations().forEach(c -> main.configure().addConfiguration(c));
        UpbitRouterModule.routeBuilders().forEach(r -> main.configure().addRoutesBuilder(r));
        main.run(args);
    }
}
