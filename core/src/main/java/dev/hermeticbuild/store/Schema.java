package dev.hermeticbuild.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Versioned schema of the store. Version 1: {@code schema_version}, {@code records} (the
 * chained log) and {@code record_subjects} (the digest index). Version 2: UPDATE and DELETE
 * refused by triggers, and an index for time windows. Version 3: {@code store_identity} (the
 * store's random id, named by its checkpoints) and {@code checkpoints} (signed heads), both
 * append-only. Opening a store upgrades an older schema in place, in one transaction, keeping
 * every record; a newer schema, or a database that is not a store, is refused.
 */
final class Schema {

    /** The schema version this code writes. */
    static final int LATEST = 3;

    /** The {@code application} value of every {@code schema_version} row of ours. */
    static final String APPLICATION = "hermetic-provenance-store";

    private Schema() {
    }

    private static List<String> steps(int version, Dialect d) {
        List<String> sql = new ArrayList<>();
        if (version == 1) {
            sql.add("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                    + " application TEXT NOT NULL, applied_at TEXT NOT NULL)");
            sql.add("CREATE TABLE records (seq BIGINT NOT NULL PRIMARY KEY, kind TEXT NOT NULL,"
                    + " recorded_at BIGINT NOT NULL, build_id TEXT, source_commit TEXT, content TEXT NOT NULL,"
                    + " prev_hash TEXT NOT NULL, hash TEXT NOT NULL UNIQUE)");
            sql.add("CREATE TABLE record_subjects (digest TEXT NOT NULL, seq BIGINT NOT NULL REFERENCES records (seq),"
                    + " name TEXT NOT NULL, PRIMARY KEY (digest, seq, name))");
            sql.add("CREATE INDEX records_build_id ON records (build_id)");
            sql.add("CREATE INDEX records_source_commit ON records (source_commit)");
            sql.add("CREATE INDEX record_subjects_seq ON record_subjects (seq)");
            sql.addAll(d.markOurs());
        } else if (version == 2) {
            sql.addAll(d.appendOnly("records"));
            sql.addAll(d.appendOnly("record_subjects"));
            sql.add("CREATE INDEX records_recorded_at ON records (recorded_at)");
        } else if (version == 3) {
            sql.add("CREATE TABLE store_identity (id TEXT NOT NULL PRIMARY KEY)");
            sql.add("CREATE TABLE checkpoints (seq BIGINT NOT NULL PRIMARY KEY, size BIGINT NOT NULL,"
                    + " head_hash TEXT NOT NULL, signed_at BIGINT NOT NULL, envelope TEXT NOT NULL)");
            sql.add("CREATE INDEX checkpoints_size ON checkpoints (size)");
            sql.addAll(d.appendOnly("store_identity"));
            sql.addAll(d.appendOnly("checkpoints"));
        } else {
            throw new IllegalArgumentException("no schema version " + version);
        }
        return sql;
    }

    /**
     * Brings the database to {@code target} (normally {@link #LATEST}) and returns the version
     * it is at; refuses foreign databases and newer schemas.
     */
    static int migrate(Connection c, Dialect d, String store, int target) throws SQLException {
        d.begin(c, Dialect.Mode.MIGRATE);
        boolean ok = false;
        try {
            int current = current(c, d, store);
            if (current > LATEST) {
                throw new StoreException("store " + store + " has schema version " + current
                        + ", newer than this hermetic understands (" + LATEST + "): upgrade hermetic");
            }
            for (int v = current + 1; v <= target; v++) {
                try (Statement s = c.createStatement()) {
                    for (String sql : steps(v, d)) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO schema_version (version, application, applied_at) VALUES (?, ?, ?)")) {
                    p.setInt(1, v);
                    p.setString(2, APPLICATION);
                    p.setString(3, Instant.now().toString());
                    p.executeUpdate();
                }
                if (v == 3) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO store_identity (id) VALUES (?)")) {
                        p.setString(1, UUID.randomUUID().toString());
                        p.executeUpdate();
                    }
                }
            }
            d.end(c, true);
            ok = true;
            return Math.max(current, target);
        } finally {
            if (!ok) {
                d.end(c, false);
            }
        }
    }

    /** The version of an existing store, 0 for an empty database; refuses anything else. */
    private static int current(Connection c, Dialect d, String store) throws SQLException {
        List<String> tables = d.tables(c);
        if (tables.isEmpty()) {
            return 0;
        }
        if (!tables.contains("schema_version")) {
            throw notOurs(store, tables);
        }
        int version = 0;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, application FROM schema_version")) {
            while (rs.next()) {
                if (!APPLICATION.equals(rs.getString(2))) {
                    throw notOurs(store, tables);
                }
                version = Math.max(version, rs.getInt(1));
            }
        } catch (SQLException e) {
            throw notOurs(store, tables);
        }
        if (version == 0) {
            throw notOurs(store, tables);
        }
        return version;
    }

    private static StoreException notOurs(String store, List<String> tables) {
        return new StoreException("store " + store + " holds tables " + tables + " but is not a hermetic provenance"
                + " store (no schema_version row of " + APPLICATION + "); refusing to touch it:"
                + " give an empty database or a dedicated schema");
    }
}
