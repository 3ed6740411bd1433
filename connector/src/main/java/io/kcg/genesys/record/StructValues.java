package io.kcg.genesys.record;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * Fills a Struct's values without {@link Struct#put(Field, Object)}. Kafka's put validates each value against its
 * field schema and builds a location string for the error message on every call, success or not: on a wide record of
 * 60 stats that was 35% of mapping time in bench/. The mappers' values are typed by construction (Long for INT64,
 * Double for FLOAT64, String, Date, String and Struct maps), which their tests check with {@link Struct#validate()},
 * so they write the Struct's value array directly: index {@link Field#index()}. Where the running Kafka's Struct
 * keeps no such array (a future version), the mappers fill a fresh array and {@link #fill} puts it.
 */
final class StructValues {
    private static final VarHandle VALUES = valuesHandle();

    private StructValues() {
    }

    private static VarHandle valuesHandle() {
        try {
            return MethodHandles.privateLookupIn(Struct.class, MethodHandles.lookup())
                    .findVarHandle(Struct.class, "values", Object[].class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Whether {@link #writable} hands out the Structs' own arrays, so that nothing is left for {@link #fill}. */
    static boolean writesInPlace() {
        return VALUES != null;
    }

    /** A new Struct's value array to fill: its own when it can be written directly, a fresh one otherwise. */
    static Object[] writable(Struct struct) {
        return VALUES != null ? (Object[]) VALUES.get(struct) : new Object[struct.schema().fields().size()];
    }

    /** The fallback: put() every non-null value of {@code values} (indexed like the struct's fields). */
    static void fill(Struct struct, Object[] values) {
        List<Field> fields = struct.schema().fields();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                struct.put(fields.get(i), values[i]);
            }
        }
    }
}
