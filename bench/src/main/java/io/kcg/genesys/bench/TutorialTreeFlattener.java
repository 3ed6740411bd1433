package io.kcg.genesys.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flattening the tutorials show, in Java: read the whole response into Jackson's tree, then nested loops over
 * results, data and metrics, one map per (group, bucket) with a {@code <metric>_<stat>} entry per stat. It builds
 * plain maps, not typed and validated Connect Structs, so it does less work per row than the connector.
 */
final class TutorialTreeFlattener {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TutorialTreeFlattener() {
    }

    static JsonNode tree(byte[] body) throws IOException {
        return MAPPER.readTree(body);
    }

    static List<Map<String, Object>> flatten(byte[] body) throws IOException {
        return flatten(tree(body));
    }

    static List<Map<String, Object>> flatten(JsonNode root) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode result : root.path("results")) {
            for (JsonNode bucket : result.path("data")) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = result.path("group").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> dimension = it.next();
                    row.put(dimension.getKey(), dimension.getValue().asText());
                }
                String[] interval = bucket.path("interval").asText().split("/");
                row.put("intervalStart", interval[0]);
                row.put("intervalEnd", interval[1]);
                for (JsonNode metric : bucket.path("metrics")) {
                    String name = metric.path("metric").asText();
                    if (metric.hasNonNull("qualifier")) {
                        name = name + "_" + metric.get("qualifier").asText();
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> it = metric.path("stats").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> stat = it.next();
                        row.put(name + "_" + stat.getKey(), stat.getValue().numberValue());
                    }
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
