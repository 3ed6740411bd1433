package io.kcg.genesys.directory;

import io.kcg.genesys.record.FieldNames;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The directory records follow the naming rules of record contract v2, as the aggregates records do. */
class DirectoryRecordsTest {
    @Test
    void everyFieldNameIsLowerSnakeCaseAndNoReservedSqlWord() {
        List<Schema> schemas = new ArrayList<>(List.of(DirectoryRecords.KEY_SCHEMA));
        for (DirectoryKind kind : DirectoryKind.values()) {
            schemas.add(DirectoryRecords.valueSchema(kind));
        }
        for (Schema schema : schemas) {
            for (Field field : schema.fields()) {
                assertEquals(FieldNames.of(field.name()), field.name(), schema.name() + "." + field.name());
            }
        }
    }

    @Test
    void theKeyIsOneNonNullString() {
        assertEquals(1, DirectoryRecords.KEY_SCHEMA.fields().size());
        Schema id = DirectoryRecords.KEY_SCHEMA.field("id").schema();
        assertEquals(Schema.Type.STRING, id.type());
        assertFalse(id.isOptional());
        for (DirectoryKind kind : DirectoryKind.values()) {
            assertFalse(DirectoryRecords.valueSchema(kind).field("id").schema().isOptional(), kind.configName());
        }
    }
}
