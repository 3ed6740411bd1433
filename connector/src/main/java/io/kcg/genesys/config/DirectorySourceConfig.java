package io.kcg.genesys.config;

import io.kcg.genesys.directory.DirectoryKind;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The directory source's configuration: the connection keys of the aggregates connector (same names, defaults and
 * rules, so one OAuth client config serves both), and what to list, where to, and how often.
 */
public class DirectorySourceConfig extends AbstractConfig {
    public static final String DIRECTORY_GROUP = "Directory";

    public static final String KINDS = "directory.kinds";
    public static final String TOPIC_PREFIX = "directory.topic.prefix";
    public static final String POLL_INTERVAL = "directory.poll.interval";
    public static final String PAGE_SIZE = "directory.page.size";

    /** Genesys's largest page for its entity listings. */
    public static final int MAX_PAGE_SIZE = 500;

    public static final ConfigDef CONFIG_DEF = buildConfigDef();

    public DirectorySourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    private static ConfigDef buildConfigDef() {
        ConfigDef def = new ConfigDef();
        for (ConfigDef.ConfigKey key : GenesysSourceConfig.CONFIG_DEF.configKeys().values()) {
            if (!GenesysSourceConfig.CONNECTION_GROUP.equals(key.group)) {
                continue;
            }
            if (key.name.equals(GenesysSourceConfig.CLIENT_ID)) {
                def.define(new ConfigDef.ConfigKey(key.name, key.type, key.defaultValue, key.validator, key.importance,
                        "The OAuth client id of a client-credentials grant whose role has the permissions of the "
                                + "listings read: routing:queue:view, directory:user:view, routing:wrapupCode:view, "
                                + "authorization:division:view.",
                        key.group, key.orderInGroup, key.width, key.displayName, key.dependents, key.recommender,
                        key.internalConfig));
            } else {
                def.define(key);
            }
        }
        int order = 0;
        def.define(KINDS, Type.LIST, String.join(",", DirectoryKind.configNames()), new KindsValidator(),
                Importance.HIGH,
                "The listings to read, comma-separated: queues (GET /api/v2/routing/queues), users (GET "
                        + "/api/v2/users?state=any), wrapupcodes (GET /api/v2/routing/wrapupcodes), divisions (GET "
                        + "/api/v2/authorization/divisions). Each goes to a topic of its own, keyed by id; set "
                        + "cleanup.policy=compact on it. Kinds are spread over tasks.max tasks.",
                DIRECTORY_GROUP, ++order, Width.LONG, "Kinds");
        def.define(TOPIC_PREFIX, Type.STRING, "genesys.directory.", new TopicPrefixValidator(), Importance.MEDIUM,
                "Each kind's topic is this prefix followed by the kind's name: genesys.directory.queues, "
                        + "genesys.directory.users, ...",
                DIRECTORY_GROUP, ++order, Width.MEDIUM, "Topic prefix");
        def.define(POLL_INTERVAL, Type.STRING, "PT15M", new SpanValidator("PT1S", "P1D"), Importance.MEDIUM,
                "How often each listing is read again, as an ISO-8601 duration. A poll costs one request per page "
                        + "(" + PAGE_SIZE + " entities) of each kind and emits records only for entities that "
                        + "changed, and tombstones for those that disappeared.",
                DIRECTORY_GROUP, ++order, Width.SHORT, "Poll interval");
        def.define(PAGE_SIZE, Type.INT, MAX_PAGE_SIZE, ConfigDef.Range.between(1, MAX_PAGE_SIZE), Importance.LOW,
                "Entities per page requested (Genesys's pageSize): its largest, " + MAX_PAGE_SIZE + ", by default, "
                        + "for the fewest requests.",
                DIRECTORY_GROUP, ++order, Width.SHORT, "Page size");
        return def;
    }

    /** The kinds to list, in the order of the config, each once. */
    public List<DirectoryKind> kinds() {
        Set<DirectoryKind> kinds = new LinkedHashSet<>();
        for (String name : getList(KINDS)) {
            kinds.add(DirectoryKind.of(name));
        }
        return new ArrayList<>(kinds);
    }

    public String topic(DirectoryKind kind) {
        return getString(TOPIC_PREFIX).trim() + kind.configName();
    }

    public Duration pollInterval() {
        return GenesysSourceConfig.toDuration(getString(POLL_INTERVAL));
    }

    public int pageSize() {
        return getInt(PAGE_SIZE);
    }

    private static final class KindsValidator implements ConfigDef.Validator {
        @Override
        @SuppressWarnings("unchecked")
        public void ensureValid(String name, Object value) {
            List<String> names = (List<String>) value;
            if (names == null || names.isEmpty()) {
                throw new ConfigException(name, value, "list at least one of " + DirectoryKind.configNames());
            }
            for (String kind : names) {
                if (DirectoryKind.of(kind) == null) {
                    throw new ConfigException(name, value, "unknown kind '" + kind + "'; known: "
                            + DirectoryKind.configNames());
                }
            }
        }

        @Override
        public String toString() {
            return "a list of " + String.join(", ", DirectoryKind.configNames());
        }
    }

    /** The prefix plus the longest kind name must be a topic name. */
    private static final class TopicPrefixValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String prefix = value == null ? "" : value.toString().trim();
            for (String kind : DirectoryKind.configNames()) {
                if (!QueryDefinitionParser.isTopicName(prefix + kind)) {
                    throw new ConfigException(name, value, "'" + prefix + kind + "' is not a topic name: a topic is "
                            + "1-249 letters, digits, '.', '_' or '-'");
                }
            }
        }

        @Override
        public String toString() {
            return "letters, digits, '.', '_' or '-'";
        }
    }
}
