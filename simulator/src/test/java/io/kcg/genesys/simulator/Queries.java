package io.kcg.genesys.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** Builds aggregates query bodies for the tests. */
final class Queries {

    static final String[] ALL_METRICS = {"nOffered", "nConnected", "nTransferred", "nOverSla", "tAnswered",
        "tAbandon", "tTalk", "tHeld", "tAcw", "tHandle", "tWait", "oServiceLevel", "oServiceTarget"};

    private final ObjectNode body = Rows.JSON.createObjectNode();

    private Queries() {
    }

    static Queries interval(String interval) {
        Queries q = new Queries();
        q.body.put("interval", interval);
        return q;
    }

    static Queries interval(Instant start, Instant end) {
        return interval(start + "/" + end);
    }

    Queries granularity(String granularity) {
        body.put("granularity", granularity);
        return this;
    }

    Queries timeZone(String zone) {
        body.put("timeZone", zone);
        return this;
    }

    Queries groupBy(String... dimensions) {
        ArrayNode array = body.putArray("groupBy");
        for (String d : dimensions) {
            array.add(d);
        }
        return this;
    }

    Queries metrics(String... metrics) {
        ArrayNode array = body.putArray("metrics");
        for (String m : metrics) {
            array.add(m);
        }
        return this;
    }

    Queries allMetrics() {
        return metrics(ALL_METRICS);
    }

    /** filter = raw JSON of the filter object. */
    Queries filter(String filterJson) {
        try {
            body.set("filter", Rows.JSON.readTree(filterJson));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    String json() {
        return body.toString();
    }
}
