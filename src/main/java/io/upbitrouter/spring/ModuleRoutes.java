package io.upbitrouter.spring;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The module's route builders as one {@link RoutesBuilder}, in the module's order (error configurations first). */
final class ModuleRoutes implements RoutesBuilder {

    private final List<RoutesBuilder> builders;

    ModuleRoutes(List<RoutesBuilder> builders) {
        this.builders = List.copyOf(builders);
    }

    @Override
    public void addRoutesToCamelContext(CamelContext context) throws Exception {
        for (RoutesBuilder builder : builders) {
            builder.addRoutesToCamelContext(context);
        }
    }

    @Override
    public void addTemplatedRoutesToCamelContext(CamelContext context) throws Exception {
        for (RoutesBuilder builder : builders) {
            builder.addTemplatedRoutesToCamelContext(context);
        }
    }

    @Override
    public Set<String> updateRoutesToCamelContext(CamelContext context) throws Exception {
        Set<String> updated = new LinkedHashSet<>();
        for (RoutesBuilder builder : builders) {
            updated.addAll(builder.updateRoutesToCamelContext(context));
        }
        return updated;
    }
}
