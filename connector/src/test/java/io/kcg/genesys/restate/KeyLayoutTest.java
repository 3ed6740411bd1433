package io.kcg.genesys.restate;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeyLayoutTest {
    @Test
    void theBucketIsTheTimestampFieldAndTheRestIsTheSeries() {
        Struct key = Keys.agentKey(7 * Keys.HALF_HOUR, 2, 3, "voice");
        assertEquals(7 * Keys.HALF_HOUR, Keys.LAYOUT.bucketOf(key));
        assertEquals(Keys.LAYOUT.seriesOf(key), Keys.LAYOUT.seriesOf(Keys.agentKey(0, 2, 3, "voice")));
        assertEquals(key, Keys.LAYOUT.keyOf(Keys.LAYOUT.seriesOf(key), 7 * Keys.HALF_HOUR));
        assertEquals("io.kcg.genesys.wide.AgentsKey,query_name:STRING,@interval_start,queue_id:STRING,"
                + "user_id:STRING,media_type:STRING,group_extra:STRING", Keys.LAYOUT.text());
    }

    @Test
    void anotherGroupByIsAnotherLayout() {
        Schema fewer = SchemaBuilder.struct().name("io.kcg.genesys.wide.AgentsKey")
                .field("query_name", Schema.STRING_SCHEMA)
                .field("interval_start", org.apache.kafka.connect.data.Timestamp.SCHEMA)
                .field("queue_id", Schema.STRING_SCHEMA).build();
        assertNotEquals(Keys.LAYOUT.text(), KeyLayout.of(fewer).text());
    }

    @Test
    void aKeyWithoutOneBucketStartOrWithOtherTypesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyLayout.of(SchemaBuilder.struct()
                .field("a", Schema.STRING_SCHEMA).build()));
        assertThrows(IllegalArgumentException.class, () -> KeyLayout.of(SchemaBuilder.struct()
                .field("t", org.apache.kafka.connect.data.Timestamp.SCHEMA).field("n", Schema.INT32_SCHEMA).build()));
    }
}
