package io.kcg.genesys.directory;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcg.genesys.record.SchemaNames;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import java.util.List;
import java.util.Locale;

/**
 * The records of the directory topics: a key {@code {id}} and a flat value per kind, with lower snake_case field
 * names (as the aggregates records of contract v2), no maps and no nested structs, so that they land in any
 * warehouse table as they are. Only the fields a report needs are kept: a change to anything else (a queue's member
 * count, a user's presence) is not a change of the record.
 */
public final class DirectoryRecords {
    public static final String NAMESPACE = SchemaNames.NAMESPACE + ".directory";

    /**
     * Genesys's queue media settings by the {@code media_type} the aggregates carry ({@code mediaSettings.call} is
     * the voice media type), so that a service-level target joins on the aggregates' media type.
     */
    static final List<String[]> QUEUE_MEDIA = List.of(
            new String[] {"voice", "call"},
            new String[] {"callback", "callback"},
            new String[] {"chat", "chat"},
            new String[] {"email", "email"},
            new String[] {"message", "message"});

    public static final Schema KEY_SCHEMA = SchemaBuilder.struct().name(NAMESPACE + ".EntityKey")
            .doc("The Genesys id of a directory entity (a queue, user, wrap-up code or division).")
            .field("id", id("The entity's Genesys id: the aggregates' queue_id, user_id, wrap_up_code or division_id."))
            .build();

    public static final Schema QUEUE_SCHEMA = queueSchema();

    public static final Schema USER_SCHEMA = SchemaBuilder.struct().name(NAMESPACE + ".User")
            .doc("A Genesys user (GET /api/v2/users?state=any). Deleted users are tombstones; inactive ones stay.")
            .field("id", id("The user's id: the aggregates' user_id."))
            .field("name", optionalString("The user's display name."))
            .field("division_id", optionalString("The id of the user's division."))
            .field("division_name", optionalString("The name of the user's division, as Genesys embeds it."))
            .field("state", optionalString("active or inactive (deleted users are tombstones)."))
            .field("email", optionalString("The user's email address."))
            .field("username", optionalString("The user's login name."))
            .field("department", optionalString("The user's department."))
            .field("title", optionalString("The user's job title."))
            .field("manager_id", optionalString("The user id of the user's manager."))
            .build();

    public static final Schema WRAPUP_CODE_SCHEMA = SchemaBuilder.struct().name(NAMESPACE + ".WrapupCode")
            .doc("A Genesys wrap-up code (GET /api/v2/routing/wrapupcodes); its id is the aggregates' wrap_up_code.")
            .field("id", id("The wrap-up code's id: the aggregates' wrap_up_code."))
            .field("name", optionalString("The wrap-up code's name."))
            .field("division_id", optionalString("The id of the code's division."))
            .field("division_name", optionalString("The name of the code's division."))
            .build();

    public static final Schema DIVISION_SCHEMA = SchemaBuilder.struct().name(NAMESPACE + ".Division")
            .doc("A Genesys division (GET /api/v2/authorization/divisions).")
            .field("id", id("The division's id: the aggregates' division_id."))
            .field("name", optionalString("The division's name."))
            .field("description", optionalString("The division's description."))
            .field("home_division", SchemaBuilder.bool().optional()
                    .doc("True for the org's home (default) division.").build())
            .build();

    private DirectoryRecords() {
    }

    private static Schema queueSchema() {
        SchemaBuilder builder = SchemaBuilder.struct().name(NAMESPACE + ".Queue")
                .doc("A Genesys routing queue (GET /api/v2/routing/queues); its id is the aggregates' queue_id.")
                .field("id", id("The queue's id: the aggregates' queue_id."))
                .field("name", optionalString("The queue's name."))
                .field("division_id", optionalString("The id of the queue's division."))
                .field("division_name", optionalString("The name of the queue's division."))
                .field("description", optionalString("The queue's description."));
        for (String[] media : QUEUE_MEDIA) {
            builder.field(media[0] + "_service_level_percentage", SchemaBuilder.float64().optional()
                    .doc("The queue's service level target for " + media[0] + " as a share (0.8 = 80 %): Genesys's "
                            + "mediaSettings." + media[1] + ".serviceLevel.percentage.").build());
            builder.field(media[0] + "_service_level_duration_ms", SchemaBuilder.int64().optional()
                    .doc("Answered within this many milliseconds counts toward the " + media[0] + " service level: "
                            + "mediaSettings." + media[1] + ".serviceLevel.durationMs.").build());
        }
        return builder.build();
    }

    private static Schema id(String doc) {
        return SchemaBuilder.string().doc(doc).build();
    }

    private static Schema optionalString(String doc) {
        return SchemaBuilder.string().optional().doc(doc).build();
    }

    public static Schema valueSchema(DirectoryKind kind) {
        return switch (kind) {
            case QUEUES -> QUEUE_SCHEMA;
            case USERS -> USER_SCHEMA;
            case WRAPUP_CODES -> WRAPUP_CODE_SCHEMA;
            case DIVISIONS -> DIVISION_SCHEMA;
        };
    }

    public static Struct key(String id) {
        return new Struct(KEY_SCHEMA).put("id", id);
    }

    /**
     * The record value of a listed entity, or null when the entity counts as gone: a user whose {@code state} is
     * {@code deleted}. Fields Genesys left out, or sent with another type than documented, are null.
     */
    public static Struct value(DirectoryKind kind, JsonNode entity) {
        Struct value = new Struct(valueSchema(kind)).put("id", entity.get("id").asText());
        switch (kind) {
            case QUEUES -> {
                putDivision(value, entity);
                value.put("name", text(entity, "name"));
                value.put("description", text(entity, "description"));
                JsonNode settings = entity.path("mediaSettings");
                for (String[] media : QUEUE_MEDIA) {
                    JsonNode level = settings.path(media[1]).path("serviceLevel");
                    JsonNode percentage = level.path("percentage");
                    JsonNode duration = level.path("durationMs");
                    value.put(media[0] + "_service_level_percentage",
                            percentage.isNumber() ? percentage.asDouble() : null);
                    value.put(media[0] + "_service_level_duration_ms",
                            duration.isIntegralNumber() && duration.canConvertToLong() ? duration.asLong() : null);
                }
            }
            case USERS -> {
                String state = text(entity, "state");
                if (state != null && state.toLowerCase(Locale.ROOT).equals("deleted")) {
                    return null;
                }
                putDivision(value, entity);
                value.put("name", text(entity, "name"));
                value.put("state", state == null ? null : state.toLowerCase(Locale.ROOT));
                value.put("email", text(entity, "email"));
                value.put("username", text(entity, "username"));
                value.put("department", text(entity, "department"));
                value.put("title", text(entity, "title"));
                value.put("manager_id", text(entity.path("manager"), "id"));
            }
            case WRAPUP_CODES -> {
                putDivision(value, entity);
                value.put("name", text(entity, "name"));
            }
            case DIVISIONS -> {
                value.put("name", text(entity, "name"));
                value.put("description", text(entity, "description"));
                JsonNode home = entity.path("homeDivision");
                value.put("home_division", home.isBoolean() ? home.asBoolean() : null);
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
        return value;
    }

    private static void putDivision(Struct value, JsonNode entity) {
        JsonNode division = entity.path("division");
        value.put("division_id", text(division, "id"));
        value.put("division_name", text(division, "name"));
    }

    /** A textual or other scalar field as text; null when absent, null or not a scalar. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
