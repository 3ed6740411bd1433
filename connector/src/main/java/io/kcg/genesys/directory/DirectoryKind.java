package io.kcg.genesys.directory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Genesys directory listings the directory source reads: where each lives, the permission it needs, and the
 * name it has in the config, in source partitions and in topic names.
 */
public enum DirectoryKind {
    QUEUES("queues", "/api/v2/routing/queues", "", "routing:queue:view"),
    /**
     * {@code state=any}: Genesys lists only active users by default, but inactive users still own the conversations
     * of the past that the reports show. Deleted users come back too, and are treated as gone.
     */
    USERS("users", "/api/v2/users", "state=any", "directory:user:view"),
    WRAPUP_CODES("wrapupcodes", "/api/v2/routing/wrapupcodes", "", "routing:wrapupCode:view"),
    DIVISIONS("divisions", "/api/v2/authorization/divisions", "", "authorization:division:view");

    private final String configName;
    private final String path;
    private final String query;
    private final String permission;

    DirectoryKind(String configName, String path, String query, String permission) {
        this.configName = configName;
        this.path = path;
        this.query = query;
        this.permission = permission;
    }

    /** The kind's name in {@code directory.kinds}, in source partitions and as the topic suffix. */
    public String configName() {
        return configName;
    }

    /** The listing's API path. */
    public String path() {
        return path;
    }

    /** Extra query parameters of the listing (encoded), or empty. */
    public String query() {
        return query;
    }

    /** The Genesys permission the listing needs. */
    public String permission() {
        return permission;
    }

    /** The kind of a config name, or null when none has it. */
    public static DirectoryKind of(String configName) {
        for (DirectoryKind kind : values()) {
            if (kind.configName.equals(configName.trim().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        return null;
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(DirectoryKind::configName).collect(Collectors.toList());
    }
}
