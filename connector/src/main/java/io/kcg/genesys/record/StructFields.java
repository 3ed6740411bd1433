package io.kcg.genesys.record;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

import java.util.HashMap;
import java.util.Map;

/**
 * The fields of one struct schema under construction, remembering what defined each name so that two Genesys names
 * that map to one field name are refused with both names in the message (validate() reports it on the query).
 */
final class StructFields {
    private final SchemaBuilder builder;
    private final Map<String, String> owners = new HashMap<>();

    StructFields(String name, String doc) {
        this.builder = SchemaBuilder.struct().name(name).doc(doc);
    }

    /** Adds a field; IllegalArgumentException when the name is taken. */
    StructFields add(String field, Schema schema, String owner) {
        String previous = owners.putIfAbsent(field, owner);
        if (previous != null) {
            throw new IllegalArgumentException("field '" + field + "' would be defined twice, by " + previous
                    + " and by " + owner + "; rename the view or drop one of them");
        }
        builder.field(field, schema);
        return this;
    }

    Schema build() {
        return builder.build();
    }
}
