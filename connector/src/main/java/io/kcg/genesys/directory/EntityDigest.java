package io.kcg.genesys.directory;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A short digest of a directory record's value: equal values give equal digests, and a change to any field (a
 * rename, a new manager, a null that became a value) gives another one except with a chance of about 2^-64. It is
 * what the source offsets remember of an entity, so its definition must not change between releases.
 */
public final class EntityDigest {
    private static final int BYTES = 8;

    private EntityDigest() {
    }

    /** The digest of {@code value}: field names and values in schema order, as base64url text (11 characters). */
    public static String of(Struct value) {
        MessageDigest sha = sha256();
        for (Field field : value.schema().fields()) {
            Object v = value.get(field);
            sha.update(field.name().getBytes(StandardCharsets.UTF_8));
            // A null and the text "null" must differ: the marker byte says which it is.
            sha.update(v == null ? (byte) 0 : (byte) 1);
            if (v != null) {
                sha.update(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
            }
            sha.update((byte) 0xff); // no UTF-8 byte: ends the field, so "ab"+"c" differs from "a"+"bc"
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha.digest(), BYTES));
    }

    /** The shard (0 to 255) an entity id belongs to: the first byte of the id's SHA-256. */
    public static int shardOf(String id) {
        return sha256().digest(id.getBytes(StandardCharsets.UTF_8))[0] & 0xff;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
