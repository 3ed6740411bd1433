package io.kcg.genesys.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the directory source remembers of one kind: the digest of every entity it emitted and did not tombstone,
 * so that a poll emits only what changed and a tombstone for what disappeared, also across restarts.
 *
 * <p>It lives in the source offsets, split into {@value #SHARDS} shards by a hash of the id: source partition
 * {@code {"directory": "<kind>", "shard": "<00..ff>"}}, offset {@code {"digests": "{\"<id>\":\"<digest>\", ...}"}}.
 * A commit carries only the shards whose entities changed, and each offset holds about 1/256 of the kind (some 50
 * bytes an entity: about 1 KB at 5,000 users), so no offset grows with the org the way one offset per kind would,
 * while a restart still reads every id it must tombstone if the entity is gone (which one offset per entity could
 * not: Connect cannot list a connector's partitions to a task).
 */
public final class DirectoryMemory {
    public static final String DIRECTORY = "directory";
    public static final String SHARD = "shard";
    public static final String DIGESTS = "digests";
    public static final int SHARDS = 256;
    /** Far above what a shard of a real org holds; a longer offset was not written by this connector. */
    static final int MAX_OFFSET_CHARS = 1 << 20;
    private static final int MAX_ID_CHARS = 256;
    private static final int DIGEST_CHARS = 11;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DirectoryKind kind;
    private final List<TreeMap<String, String>> shards = new ArrayList<>(SHARDS);

    private DirectoryMemory(DirectoryKind kind) {
        this.kind = kind;
        for (int i = 0; i < SHARDS; i++) {
            shards.add(new TreeMap<>());
        }
    }

    public static DirectoryMemory empty(DirectoryKind kind) {
        return new DirectoryMemory(kind);
    }

    public static Map<String, String> partition(DirectoryKind kind, int shard) {
        return Map.of(DIRECTORY, kind.configName(), SHARD, String.format("%02x", shard));
    }

    public static List<Map<String, String>> partitions(DirectoryKind kind) {
        List<Map<String, String>> partitions = new ArrayList<>(SHARDS);
        for (int shard = 0; shard < SHARDS; shard++) {
            partitions.add(partition(kind, shard));
        }
        return partitions;
    }

    /** Failures to restore one shard: the shard starts empty, and the reason is reported. */
    public interface Problems {
        void shardUnreadable(DirectoryKind kind, int shard, String reason);
    }

    /** The memory as the committed offsets of {@link #partitions(DirectoryKind)} left it. */
    public static DirectoryMemory restore(DirectoryKind kind, Map<Map<String, String>, Map<String, Object>> offsets,
                                          Problems problems) {
        DirectoryMemory memory = new DirectoryMemory(kind);
        if (offsets == null) {
            return memory;
        }
        for (int shard = 0; shard < SHARDS; shard++) {
            Map<String, Object> offset = offsets.get(partition(kind, shard));
            if (offset == null) {
                continue;
            }
            try {
                memory.shards.get(shard).putAll(decode(offset.get(DIGESTS), shard));
            } catch (IllegalArgumentException e) {
                problems.shardUnreadable(kind, shard, e.getMessage());
            }
        }
        return memory;
    }

    /** What is wrong with a shard's {@code digests} offset value, or null when this class could have written it. */
    public static String problem(Object digests, int shard) {
        try {
            decode(digests, shard);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The id-to-digest map an offset value holds; IllegalArgumentException when it is not one this class wrote. */
    static Map<String, String> decode(Object digests, int shard) {
        if (!(digests instanceof String text)) {
            throw new IllegalArgumentException("the offset has no string '" + DIGESTS + "'");
        }
        if (text.length() > MAX_OFFSET_CHARS) {
            throw new IllegalArgumentException("the offset's '" + DIGESTS + "' is " + text.length()
                    + " characters long, more than " + MAX_OFFSET_CHARS);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the offset's '" + DIGESTS + "' is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the offset's '" + DIGESTS + "' is not a JSON object");
        }
        Map<String, String> map = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String id = entry.getKey();
            JsonNode digest = entry.getValue();
            if (id.isEmpty() || id.length() > MAX_ID_CHARS || !digest.isTextual()
                    || digest.asText().length() != DIGEST_CHARS) {
                throw new IllegalArgumentException("the offset holds an entry that is not an id and its digest");
            }
            if (EntityDigest.shardOf(id) != shard) {
                throw new IllegalArgumentException("the offset holds id " + id + " of another shard");
            }
            map.put(id, digest.asText());
        }
        return map;
    }

    public DirectoryKind kind() {
        return kind;
    }

    /** The digest last emitted for {@code id}, or null when it was never emitted or was tombstoned. */
    public String digest(String id) {
        return shards.get(EntityDigest.shardOf(id)).get(id);
    }

    /** Every id emitted and not tombstoned. */
    public Set<String> ids() {
        Set<String> ids = new HashSet<>();
        for (TreeMap<String, String> shard : shards) {
            ids.addAll(shard.keySet());
        }
        return ids;
    }

    public int size() {
        int size = 0;
        for (TreeMap<String, String> shard : shards) {
            size += shard.size();
        }
        return size;
    }

    /** Records {@code digest} for {@code id}, or forgets the id when digest is null (a tombstone). */
    public void set(String id, String digest) {
        TreeMap<String, String> shard = shards.get(EntityDigest.shardOf(id));
        if (digest == null) {
            shard.remove(id);
        } else {
            shard.put(id, digest);
        }
    }

    /** The source offset of a shard as it is now. */
    public Map<String, Object> offset(int shard) {
        ObjectNode node = MAPPER.createObjectNode();
        shards.get(shard).forEach(node::put);
        try {
            return Map.of(DIGESTS, MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }
}
