package io.kcg.genesys.avro;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Avro schema that Confluent's AvroConverter (and Apicurio's port of its AvroData) registers for one of the
 * connector's Connect schemas, with the converters' defaults ({@code connect.meta.data=true}, no name scrubbing, no
 * enhanced schema support). It covers the types the connector emits (named structs, strings, int32/int64/float64,
 * booleans, string-keyed maps, Timestamp) and refuses anything else, so a new field type cannot slip through
 * untranslated: {@code ConnectToAvroTest} proves the output equal to AvroData's for every schema in {@code schemas/}.
 *
 * <p>Why not ship AvroData: the plugin stays converter-agnostic and small; the command-line tool needs only this.
 */
public final class ConnectToAvro {
    // The property names AvroData writes so that a sink's converter can restore the Connect schema.
    static final String CONNECT_DOC = "connect.doc";
    static final String CONNECT_VERSION = "connect.version";
    static final String CONNECT_PARAMETERS = "connect.parameters";
    static final String CONNECT_DEFAULT = "connect.default";
    static final String CONNECT_NAME = "connect.name";

    private ConnectToAvro() {
    }

    public static org.apache.avro.Schema schema(Schema connect) {
        if (connect.isOptional()) {
            return org.apache.avro.Schema.createUnion(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL),
                    required(connect));
        }
        return required(connect);
    }

    private static org.apache.avro.Schema required(Schema connect) {
        org.apache.avro.Schema avro;
        switch (connect.type()) {
            case STRING:
                avro = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);
                break;
            case INT32:
                avro = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
                break;
            case INT64:
                avro = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG);
                break;
            case FLOAT32:
                avro = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.FLOAT);
                break;
            case FLOAT64:
                avro = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.DOUBLE);
                break;
            case BOOLEAN:
                avro = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BOOLEAN);
                break;
            case MAP:
                if (connect.keySchema().type() != Schema.Type.STRING || connect.keySchema().isOptional()) {
                    throw unsupported(connect, "a map whose keys are not required strings");
                }
                avro = org.apache.avro.Schema.createMap(schema(connect.valueSchema()));
                break;
            case STRUCT:
                avro = record(connect);
                break;
            default:
                throw unsupported(connect, "type " + connect.type());
        }
        if (connect.name() != null && !Timestamp.LOGICAL_NAME.equals(connect.name())
                && connect.type() != Schema.Type.STRUCT) {
            throw unsupported(connect, "logical type " + connect.name());
        }
        addConnectMetadata(connect, avro);
        if (Timestamp.LOGICAL_NAME.equals(connect.name())) {
            LogicalTypes.timestampMillis().addToSchema(avro);
        }
        return avro;
    }

    private static org.apache.avro.Schema record(Schema struct) {
        String fullName = struct.name();
        if (fullName == null) {
            throw unsupported(struct, "a struct without a name (the converter would call it ConnectDefault)");
        }
        int dot = fullName.lastIndexOf('.');
        String namespace = dot < 0 ? null : fullName.substring(0, dot);
        String name = dot < 0 ? fullName : fullName.substring(dot + 1);
        List<org.apache.avro.Schema.Field> fields = new ArrayList<>(struct.fields().size());
        for (Field field : struct.fields()) {
            fields.add(new org.apache.avro.Schema.Field(field.name(), schema(field.schema()), null,
                    fieldDefault(field.schema())));
        }
        // The record's and fields' Avro "doc" come from converter-specific parameters the connector does not set;
        // the Connect docs travel as connect.doc, which a sink's converter turns back into Connect docs.
        return org.apache.avro.Schema.createRecord(name, null, namespace, false, fields);
    }

    private static Object fieldDefault(Schema field) {
        if (field.defaultValue() != null) {
            if (field.isOptional()) {
                throw unsupported(field, "an optional field with a non-null default");
            }
            return jsonDefault(field);
        }
        return field.isOptional() ? JsonProperties.NULL_VALUE : null;
    }

    private static void addConnectMetadata(Schema connect, org.apache.avro.Schema avro) {
        if (connect.doc() != null) {
            avro.addProp(CONNECT_DOC, connect.doc());
        }
        if (connect.version() != null) {
            avro.addProp(CONNECT_VERSION, connect.version());
        }
        Map<String, String> parameters = connect.parameters();
        if (parameters != null && !parameters.isEmpty()) {
            avro.addProp(CONNECT_PARAMETERS, parameters);
        }
        if (connect.defaultValue() != null) {
            avro.addProp(CONNECT_DEFAULT, jsonDefault(connect));
        }
        if (connect.name() != null) {
            avro.addProp(CONNECT_NAME, connect.name());
        }
    }

    private static Object jsonDefault(Schema connect) {
        Object value = connect.defaultValue();
        switch (connect.type()) {
            case STRING:
            case INT32:
            case INT64:
            case FLOAT32:
            case FLOAT64:
            case BOOLEAN:
                if (connect.name() == null) {
                    return value;
                }
                break;
            default:
                break;
        }
        throw unsupported(connect, "a default value of type " + connect.type()
                + (connect.name() == null ? "" : " (" + connect.name() + ")"));
    }

    private static IllegalArgumentException unsupported(Schema connect, String what) {
        return new IllegalArgumentException("no Avro translation here for " + what + " in schema "
                + (connect.name() != null ? connect.name() : connect.type()) + "; extend ConnectToAvro and its test");
    }
}
