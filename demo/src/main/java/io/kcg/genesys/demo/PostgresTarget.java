package io.kcg.genesys.demo;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL database of {@code --postgres}: where it is, as whom, and the password, which never appears in
 * {@link #toString()}, {@link #display()} or a message. Written either as a JDBC URL
 * ({@code jdbc:postgresql://HOST:PORT/DB?user=U&password=P}) or as libpq's URI
 * ({@code postgresql://U:P@HOST:PORT/DB}); without a password in it, {@code PGPASSWORD} gives one, as for psql.
 *
 * @param jdbcUrl the URL without user and password (the sink gets those in keys of their own), other parameters
 *                such as sslmode kept
 */
record PostgresTarget(String jdbcUrl, String host, int port, String database, String user, String password) {
    static final String FORMS = "jdbc:postgresql://HOST:PORT/DB?user=USER&password=PASSWORD or "
            + "postgresql://USER:PASSWORD@HOST:PORT/DB (or the password in PGPASSWORD)";

    static PostgresTarget parse(String text, Map<String, String> env) {
        String value = text.trim();
        boolean jdbc = value.startsWith("jdbc:postgresql://");
        if (!jdbc && !value.startsWith("postgresql://") && !value.startsWith("postgres://")) {
            throw usage("is not a PostgreSQL URL");
        }
        URI uri;
        try {
            uri = new URI(jdbc ? value.substring("jdbc:".length()) : value);
        } catch (URISyntaxException e) {
            throw usage("cannot be read as a URL");
        }
        if (uri.getHost() == null) {
            throw usage("has no host");
        }
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (database.isEmpty()) {
            throw usage("names no database");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (!pair.isEmpty()) {
                    String[] kv = pair.split("=", 2);
                    params.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
                }
            }
        }
        user = firstNonBlank(params.remove("user"), user);
        password = firstNonBlank(params.remove("password"), password, env.get("PGPASSWORD"));
        if (user == null) {
            throw usage("names no user (user=... or USER@HOST)");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        List<String> rest = new ArrayList<>();
        params.forEach((k, v) -> rest.add(encode(k) + "=" + encode(v)));
        String url = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + database
                + (rest.isEmpty() ? "" : "?" + String.join("&", rest));
        return new PostgresTarget(url, uri.getHost(), port, database, user, password == null ? "" : password);
    }

    /** A connection for the demo's own checks and reads. */
    Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(10);
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Where and as whom, for messages: never the password. */
    String display() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "PostgresTarget{" + display() + "}";
    }

    private static DemoException usage(String problem) {
        return new DemoException(DemoException.USAGE, "--postgres " + problem + "; give " + FORMS);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
