package io.kcg.genesys.record;

/**
 * Maps query names to record names Avro accepts: {@code [A-Za-z_][A-Za-z0-9_]*}. Every other character becomes '_',
 * and a name that starts with a digit gets a leading '_'. Two queries whose records would share a name are rejected
 * by {@code validate()}. Field names are {@link FieldNames}' business.
 */
public final class AvroNames {
    private AvroNames() {
    }

    public static String sanitize(String name) {
        if (name == null || name.isEmpty()) {
            return "_";
        }
        StringBuilder out = new StringBuilder(name.length() + 1);
        if (Character.isDigit(name.charAt(0))) {
            out.append('_');
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            out.append(ok ? c : '_');
        }
        return out.toString();
    }

    /** A record name for a query: its sanitized name with the first letter upper-cased. */
    public static String recordName(String queryName) {
        String sanitized = sanitize(queryName);
        return Character.toUpperCase(sanitized.charAt(0)) + sanitized.substring(1);
    }
}
