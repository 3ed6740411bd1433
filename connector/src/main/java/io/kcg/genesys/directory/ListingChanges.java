package io.kcg.genesys.directory;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a listing read whole into the records of what changed since the memory's last emission, and moves the
 * memory on: a record for each entity that is new or whose record value differs, a tombstone for each remembered
 * entity the listing no longer has (or lists as deleted), nothing for the rest.
 *
 * <p>Each record carries the source offset of its entity's shard. Connect commits, per source partition, the offset
 * of the last record it delivered with all before it, so only the last record of a shard in a batch carries the
 * shard's new state; the others carry the state the shard had before the batch. A crash mid-batch then re-emits
 * part of the batch on restart (the same values again), and never forgets an entity whose record was not delivered.
 */
public final class ListingChanges {
    private ListingChanges() {
    }

    /** What one poll of a kind emitted. */
    public record Emitted(List<SourceRecord> records, int upserts, int tombstones) {
    }

    /**
     * @param listed          the listing, each entity by its id
     * @param deletionsAllowed false when the listing may have missed entities (it did not hold together): then
     *                        nothing is tombstoned for being absent (a user listed as deleted still is)
     */
    public static Emitted emit(DirectoryKind kind, DirectoryMemory memory, Map<String, JsonNode> listed,
                               boolean deletionsAllowed, String topic) {
        // Changes by shard, each shard's in id order: the output is the same for the same listing and memory.
        Map<Integer, List<Change>> byShard = new TreeMap<>();
        Set<String> ids = new TreeSet<>(listed.keySet());
        if (deletionsAllowed) {
            ids.addAll(memory.ids());
        }
        int upserts = 0;
        int tombstones = 0;
        for (String id : ids) {
            JsonNode entity = listed.get(id);
            Struct value = entity == null ? null : DirectoryRecords.value(kind, entity);
            String digest = value == null ? null : EntityDigest.of(value);
            String remembered = memory.digest(id);
            if (digest == null ? remembered == null : digest.equals(remembered)) {
                continue;
            }
            if (value == null) {
                tombstones++;
            } else {
                upserts++;
            }
            byShard.computeIfAbsent(EntityDigest.shardOf(id), s -> new ArrayList<>()).add(new Change(id, value, digest));
        }
        List<SourceRecord> records = new ArrayList<>(upserts + tombstones);
        for (Map.Entry<Integer, List<Change>> entry : byShard.entrySet()) {
            int shard = entry.getKey();
            List<Change> changes = entry.getValue();
            Map<String, String> partition = DirectoryMemory.partition(kind, shard);
            Map<String, Object> before = memory.offset(shard);
            for (Change change : changes) {
                memory.set(change.id, change.digest);
            }
            Map<String, Object> after = memory.offset(shard);
            for (int i = 0; i < changes.size(); i++) {
                Change change = changes.get(i);
                Map<String, Object> offset = i == changes.size() - 1 ? after : before;
                records.add(new SourceRecord(partition, offset, topic, null,
                        DirectoryRecords.KEY_SCHEMA, DirectoryRecords.key(change.id),
                        change.value == null ? null : DirectoryRecords.valueSchema(kind), change.value));
            }
        }
        return new Emitted(records, upserts, tombstones);
    }

    private record Change(String id, Struct value, String digest) {
    }
}
