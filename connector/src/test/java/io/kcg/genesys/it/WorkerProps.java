package io.kcg.genesys.it;

import java.util.HashMap;
import java.util.Map;

/** Worker settings every embedded Connect worker in these tests needs. */
public final class WorkerProps {
    private WorkerProps() {
    }

    /**
     * The defaults plus {@code overrides}, as the mutable map EmbeddedConnectCluster wants. The test classpath holds
     * Apicurio's converter, whose jar has no ServiceLoader manifest, so plugin discovery must also scan classes.
     */
    public static Map<String, String> with(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("plugin.discovery", "hybrid_warn");
        props.put("offset.flush.interval.ms", "1000");
        props.putAll(overrides);
        return props;
    }
}
