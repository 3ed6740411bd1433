package io.kcg.genesys.cli;

import io.kcg.genesys.avro.ConnectToAvro;
import io.kcg.genesys.avro.ConnectorSchemas;
import io.kcg.genesys.avro.ConnectorSchemas.TopicSchemas;
import io.kcg.genesys.config.GenesysSourceConfig;
import org.apache.kafka.connect.data.Schema;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code schema}: the Avro schemas of key and value that an Avro converter registers for each query of a connector
 * config (and for its heartbeats), with the subject each lands in, so they can be reviewed or registered ahead of a
 * deployment whose converter does not auto-register.
 */
final class SchemaCommand {
    private final CliArgs args;
    private final PrintStream out;

    SchemaCommand(CliArgs args, PrintStream out) {
        this.args = args;
        this.out = out;
    }

    int run() throws IOException {
        if (!args.positional().isEmpty()) {
            throw new CliArgs.UsageException("schema takes no FILE; give the connector config with --config");
        }
        Map<String, String> props = ConnectorConfigFile.read(Path.of(args.required("--config")));
        GenesysSourceConfig config = new GenesysSourceConfig(props);
        String only = args.option("--query", null);
        List<TopicSchemas> all = ConnectorSchemas.of(config);
        if (only != null && all.stream().noneMatch(s -> only.equals(s.query()))) {
            throw new CliArgs.UsageException("--query " + only + ": the config has queries " + config.queryNames());
        }
        for (TopicSchemas schemas : all) {
            if (only != null && !only.equals(schemas.query())) {
                continue;
            }
            out.println("# " + (schemas.query() == null ? "heartbeats" : "query " + schemas.query())
                    + ", topic " + schemas.topic());
            print("key", schemas.keySubject(), schemas.key());
            print("value", schemas.valueSubject(), schemas.value());
        }
        out.flush();
        return 0;
    }

    private void print(String what, String topicSubject, Schema schema) {
        out.println("# " + what + ": subject " + topicSubject + " (TopicNameStrategy) or " + schema.name()
                + " (RecordNameStrategy)");
        out.println(ConnectToAvro.schema(schema).toString(true));
    }
}
