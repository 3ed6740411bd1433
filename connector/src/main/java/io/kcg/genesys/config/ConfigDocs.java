package io.kcg.genesys.config;

import org.apache.kafka.common.config.ConfigDef;

import java.util.List;

/**
 * Renders every config key as Markdown, grouped as in the ConfigDef, with the per-query keys after
 * {@code queries}. docs/configuration.md's reference is this text; a test keeps the two equal.
 */
public final class ConfigDocs {
    private ConfigDocs() {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder();
        ConfigDef def = GenesysSourceConfig.CONFIG_DEF;
        for (String group : def.groups()) {
            out.append("#### ").append(group).append("\n\n");
            out.append("| key | type | default | valid values | importance | description |\n");
            out.append("|---|---|---|---|---|---|\n");
            List<ConfigDef.ConfigKey> keys = def.configKeys().values().stream()
                    .filter(k -> group.equals(k.group)).sorted((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup))
                    .toList();
            for (ConfigDef.ConfigKey key : keys) {
                out.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase())
                        .append(" | ").append(defaultText(key)).append(" | ")
                        .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                        .append(key.importance.name().toLowerCase()).append(" | ")
                        .append(cell(key.documentation)).append(" |\n");
                if (key.name.equals(GenesysSourceConfig.QUERIES)) {
                    for (QueryKeys.Key queryKey : QueryKeys.KEYS) {
                        out.append("| `").append(queryKey.template()).append("` | string | ")
                                .append(queryKey.defaultValue() == null ? "(required)" : "`" + queryKey.defaultValue() + "`")
                                .append(" |  | high | ").append(cell(queryKey.documentation())).append(" |\n");
                    }
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String defaultText(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        Object value = key.defaultValue;
        if (value == null) {
            return "(unset)";
        }
        if (value.toString().isEmpty()) {
            return "\"\"";
        }
        return "`" + (value instanceof List ? String.join(",", ((List<?>) value).stream().map(String::valueOf).toList())
                : value.toString()) + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
