package io.kcg.genesys.restate;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

import java.util.Date;
import java.util.UUID;

/** Record keys shaped as record contract v2 builds them for an agent report (queue x user x media type). */
final class Keys {
    static final Schema AGENTS = SchemaBuilder.struct().name("io.kcg.genesys.wide.AgentsKey")
            .field("query_name", Schema.STRING_SCHEMA)
            .field("interval_start", Timestamp.SCHEMA)
            .field("queue_id", Schema.STRING_SCHEMA)
            .field("user_id", Schema.STRING_SCHEMA)
            .field("media_type", Schema.STRING_SCHEMA)
            .field("group_extra", Schema.STRING_SCHEMA)
            .build();
    static final KeyLayout LAYOUT = KeyLayout.of(AGENTS);
    static final long HALF_HOUR = 1_800_000L;

    private Keys() {
    }

    static Struct agentKey(long bucket, int queue, int user, String media) {
        return new Struct(AGENTS).put("query_name", "agents").put("interval_start", new Date(bucket))
                .put("queue_id", new UUID(0x51L, queue).toString()).put("user_id", new UUID(0xa6L, user).toString())
                .put("media_type", media).put("group_extra", "{}");
    }

    static SeriesKey series(int queue, int user, String media) {
        return LAYOUT.seriesOf(agentKey(0, queue, user, media));
    }

    /** A memory of {@code queues} x {@code users} agents with voice and chat series, revisions and a tombstone. */
    static BucketMemory memory(int queues, int users) {
        BucketMemory memory = new BucketMemory();
        int digest = 17;
        for (int q = 0; q < queues; q++) {
            for (int u = 0; u < users; u++) {
                memory.observe(series(q, q * users + u, "voice"), digest * 31 + u);
                memory.observe(series(q, q * users + u, "chat"), digest++);
            }
        }
        memory.observe(series(0, 0, "voice"), 1); // revision 1
        memory.vanish(java.util.Set.of()); // everything tombstoned once: revisions 1 and 2, deleted
        memory.observe(series(0, 1, "voice"), 5); // back at revision 2
        return memory;
    }
}
