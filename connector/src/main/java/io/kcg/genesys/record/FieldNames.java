package io.kcg.genesys.record;

/**
 * How Genesys names (dimensions, metrics, qualifiers, view names) become record field names: lower snake_case, so
 * that PostgreSQL, Snowflake, MySQL, SQL Server and BigQuery all take them unquoted and fold them to the same
 * column. {@code queueId} becomes {@code queue_id}, {@code tHandle} {@code t_handle}, {@code ON_QUEUE}
 * {@code on_queue}, a view named {@code long-calls 2} {@code long_calls_2}.
 *
 * <ul>
 *   <li>An upper-case letter starts a new word after a lower-case letter or digit, and before a lower-case letter
 *       when it ends a run of capitals ({@code requestedURLId} becomes {@code requested_url_id}).</li>
 *   <li>Any character other than an ASCII letter or digit becomes {@code _}; a name that starts with a digit gets a
 *       leading {@code _}; an empty name is {@code _}. The result is a valid Avro name as well.</li>
 *   <li>A name that is a reserved SQL word ({@link SqlReservedWords}: {@code group}, {@code order}, {@code user},
 *       {@code current}, ...) gets {@value #RESERVED_SUFFIX} appended. None of Genesys's own dimension and metric
 *       names needs it; a user's view or an unusual dimension might.</li>
 * </ul>
 * Two names that map to the same field are refused by the schema, which {@code validate()} reports on the query.
 */
public final class FieldNames {
    /** Appended to a name that would otherwise be a reserved SQL word. */
    public static final String RESERVED_SUFFIX = "_value";

    private FieldNames() {
    }

    /** The field name of a Genesys name: snake_case, never a reserved word. */
    public static String of(String genesysName) {
        return unreserved(snakeCase(genesysName));
    }

    /** The field name of several parts joined by '_' ({@code t_handle} and {@code sum}), never a reserved word. */
    public static String joined(String... parts) {
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            if (name.length() > 0) {
                name.append('_');
            }
            name.append(snakeCase(part));
        }
        return unreserved(name.toString());
    }

    static String unreserved(String name) {
        String result = name;
        while (SqlReservedWords.isReserved(result)) {
            result = result + RESERVED_SUFFIX;
        }
        return result;
    }

    /** Lower snake_case of {@code name} as the class describes it, with no check for reserved words. */
    public static String snakeCase(String name) {
        if (name == null || name.isEmpty()) {
            return "_";
        }
        StringBuilder out = new StringBuilder(name.length() + 8);
        if (isDigit(name.charAt(0))) {
            out.append('_');
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (isUpper(c)) {
                char previous = i > 0 ? name.charAt(i - 1) : '_';
                boolean nextIsLower = i + 1 < name.length() && isLower(name.charAt(i + 1));
                boolean startsWord = isLower(previous) || isDigit(previous) || (isUpper(previous) && nextIsLower);
                if (startsWord && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                out.append((char) (c - 'A' + 'a'));
            } else if (isLower(c) || isDigit(c)) {
                out.append(c);
            } else {
                out.append('_');
            }
        }
        return out.toString();
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
