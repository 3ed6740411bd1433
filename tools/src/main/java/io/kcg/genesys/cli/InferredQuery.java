package io.kcg.genesys.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.config.QueryDefinitionParser;
import io.kcg.genesys.config.QueryKeys;
import io.kcg.genesys.parse.AggregateResponseParser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A query definition for a saved response: from a query JSON the user gives, or else inferred from the response
 * itself (its group dimensions and unqualified metrics, in the order they first appear).
 */
final class InferredQuery {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,127}");

    private InferredQuery() {
    }

    /** A definition from a query body; an {@code interval} in it (a saved request) is ignored. */
    static QueryDefinition fromBody(String name, String endpoint, String bodyJson) {
        try {
            JsonNode body = JSON.readTree(bodyJson);
            if (body instanceof ObjectNode) {
                ((ObjectNode) body).remove("interval");
                bodyJson = body.toString();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // left as it is: the parser below names the problem and its position
        }
        QueryDefinitionParser.Result result = QueryDefinitionParser.parse(List.of(name), Map.of(
                QueryKeys.key(name, QueryKeys.BODY), bodyJson, QueryKeys.key(name, QueryKeys.ENDPOINT), endpoint));
        if (!result.ok()) {
            throw new IllegalArgumentException(String.join("; ", result.errors().values().stream()
                    .flatMap(List::stream).toList()));
        }
        return result.queries().get(0);
    }

    /** A definition of a response's group dimensions and unqualified metrics; the body is parsed for nothing else. */
    static QueryDefinition fromResponse(String name, byte[] response) throws IOException {
        Set<String> dimensions = new LinkedHashSet<>();
        Set<String> metrics = new LinkedHashSet<>();
        new AggregateResponseParser().parse(new ByteArrayInputStream(response), row -> {
            for (String dimension : row.group().keySet()) {
                if (NAME.matcher(dimension).matches()) {
                    dimensions.add(dimension);
                }
            }
            // Qualified metrics and names a query cannot list stay in metrics_extra / group_extra.
            if (row.qualifier() == null && NAME.matcher(row.metric()).matches()) {
                metrics.add(row.metric());
            }
        });
        ObjectNode body = JSON.createObjectNode();
        ArrayNode groupBy = body.putArray("groupBy");
        dimensions.forEach(groupBy::add);
        ArrayNode metricList = body.putArray("metrics");
        metrics.forEach(metricList::add);
        if (metrics.isEmpty()) {
            metricList.add("nOffered"); // an empty response still needs a valid definition
        }
        // Any endpoint but conversations adds no mediaType of its own: the response's own dimensions are the whole
        // story. Not users either, whose rules (userId only) would refuse a conversations response.
        return fromBody(name, "flows", body.toString());
    }
}
