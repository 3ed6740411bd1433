package io.kcg.genesys.demo;

import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Kafka Connect worker in standalone mode (as {@code connect-standalone.sh} runs it), with its REST API on
 * loopback. It finds the connector only through {@code plugin.path}, in the packaged plugin directory (and, with
 * --postgres, Debezium's JDBC sink in its own): the demo's own classpath holds neither.
 */
final class StandaloneWorker implements AutoCloseable {
    private final Connect<StandaloneHerder> connect;
    private final String restUrl;
    private boolean stopped;

    private StandaloneWorker(Connect<StandaloneHerder> connect, String restUrl) {
        this.connect = connect;
        this.restUrl = restUrl;
    }

    static StandaloneWorker start(String bootstrapServers, int restPort, List<Path> pluginPaths, Path offsetsFile) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("listeners", "http://127.0.0.1:" + restPort);
        props.put("rest.advertised.host.name", "127.0.0.1");
        props.put("plugin.path", String.join(",", pluginPaths.stream().map(p -> p.toAbsolutePath().toString()).toList()));
        // Plugins are found by their ServiceLoader manifests (KIP-898): fast, and proof that the package has one.
        props.put("plugin.discovery", "service_load");
        props.put("offset.storage.file.filename", offsetsFile.toAbsolutePath().toString());
        // Offsets visible on GET /connectors/{name}/offsets within a second, for the progress line.
        props.put("offset.flush.interval.ms", "1000");
        // Plain JSON without schema envelopes: the demo reads the records back itself. (docker-compose.yml shows
        // the Avro converter with a schema registry.)
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("key.converter.schemas.enable", "false");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter.schemas.enable", "false");
        // The demo stops the worker itself, before the broker, so Connect's own shutdown hook must not race it.
        Exit.setShutdownHookAdder((name, hook) -> { });
        // A worker that fails to start calls Exit.exit(3); turn that into a message instead of a silent exit.
        Exit.setExitProcedure((code, message) -> {
            throw new DemoException(DemoException.RUN, "the Connect worker did not start (exit " + code + "); "
                    + "its log is in the demo's work directory (demo.log)");
        });
        try {
            Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(props);
            return new StandaloneWorker(connect, "http://127.0.0.1:" + restPort);
        } finally {
            Exit.resetShutdownHookAdder();
            Exit.resetExitProcedure();
        }
    }

    String restUrl() {
        return restUrl;
    }

    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            connect.stop();
            connect.awaitStop();
        }
    }
}
