package io.upbitrouter.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.upbitrouter.api.SmartRouter;
import io.upbitrouter.app.UpbitRouterModule;
import io.upbitrouter.ops.UpbitMetrics;
import io.upbitrouter.osgi.UpbitRouterContext;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * Spring Boot auto-configuration (camel-spring-boot): with this jar on the classpath, the module's
 * configurations and routes join the host's CamelContext before it starts, {@link SmartRouter} is a bean
 * ({@code upbitSmartRouter}), the module's meters go to the host's {@link MeterRegistry}, and, with the actuator,
 * its health is the {@code upbit} contributor ({@link UpbitHealthContributor}), which never turns the
 * host's health DOWN. Settings are the {@code upbit.*} keys of the Spring environment (Camel's property
 * placeholders read it). The HTTP facade's routes join only with {@code upbit.facade.enabled=true}, on the
 * host's platform-http engine. {@code upbit.enabled=false} leaves the module out.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@ConditionalOnClass({CamelContext.class, CamelContextConfiguration.class})
@ConditionalOnBean(CamelContext.class)
@ConditionalOnProperty(prefix = "upbit", name = "enabled", havingValue = "true", matchIfMissing = true)
public class UpbitAutoConfiguration {

    /**
     * Binds the module's beans (its configurations) as soon as the host's CamelContext exists, so that its
     * routes, and the host's own routes and YAML {@code templatedRoute}s, find them when they are configured.
     */
    @Bean
    public static BeanPostProcessor upbitRouterConfigurations() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof CamelContext camelContext) {
                    try {
                        UpbitRouterContext.assemble(camelContext, UpbitRouterModule.configurations(), List.of());
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot add the Upbit smart router's beans to the CamelContext", e);
                    }
                }
                return bean;
            }
        };
    }

    /**
     * The module's routes and route templates, collected by camel-spring-boot with the host's own
     * {@link RoutesBuilder} beans (so YAML routes of the host can instantiate the module's templates).
     */
    @Bean
    public RoutesBuilder upbitRouterRoutes() {
        return new ModuleRoutes(UpbitRouterModule.routeBuilders());
    }

    /** Before the host's context starts: the host's meter registry for the module's meters; health to the actuator. */
    @Bean
    public CamelContextConfiguration upbitRouterStartPreparation(ObjectProvider<MeterRegistry> meterRegistry,
                                                                ObjectProvider<UpbitHealthContributor> health) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                MeterRegistry hostRegistry = meterRegistry.getIfAvailable();
                if (hostRegistry != null
                        && camelContext.getRegistry().lookupByNameAndType(UpbitMetrics.REGISTRY_NAME, MeterRegistry.class) == null) {
                    // under the module's own name, never Camel's shared metricsRegistry
                    // the module's meters on the host's registry (what /actuator/prometheus scrapes), not a private one
                    camelContext.getRegistry().bind(UpbitMetrics.REGISTRY_NAME, hostRegistry);
                }
                if (health.getIfAvailable() != null) {
                    // reported by the actuator's "upbit" contributor instead: camel-spring-boot's camelHealth
                    // indicator turns the host's whole health DOWN on any DOWN Camel check
                    HealthCheckRegistry checks = HealthCheckRegistry.get(camelContext);
                    if (checks != null) {
                        for (String id : UpbitHealthContributor.CHECK_IDS.values()) {
                            checks.getCheck(id).ifPresent(checks::unregister);
                        }
                    }
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing: the module's routes start with the context
            }
        };
    }

    /**
     * The Java API for the host's beans: {@code @Autowired SmartRouter router}. The module also binds a SmartRouter
     * under the same name in the CamelContext's own registry, without looking the name up first (a look-up would
     * create this bean, which needs the CamelContext still being created).
     */
    @Bean
    @ConditionalOnMissingBean
    public SmartRouter upbitSmartRouter(CamelContext camelContext) {
        return new SmartRouter(camelContext);
    }

    /** With the actuator: the module's health as the {@code upbit} contributor. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthContributor.class)
    @ConditionalOnProperty(prefix = "upbit.health", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class Health {

        @Bean(name = "upbit")
        @ConditionalOnMissingBean(UpbitHealthContributor.class)
        UpbitHealthContributor upbitHealthContributor(CamelContext camelContext) {
            return new UpbitHealthContributor(camelContext);
        }
    }
}
