package dev.hermeticbuild.store;

import dev.hermeticbuild.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The two store backends every behaviour test runs against, and raw-SQL access for tampering. */
enum Backend {
    SQLITE, POSTGRES;

    /** A URL of a new, empty store. */
    String newStore(Path tmp) {
        return this == SQLITE ? "jdbc:sqlite:" + tmp.resolve("store-" + System.nanoTime() + ".db")
                : PostgresServer.get().newDatabase();
    }

    /** A raw connection, as an attacker with database access would have. */
    static Connection raw(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** Runs SQL with the append-only triggers out of the way (an attacker who owns the database). */
    static void tamper(String url, String... sql) throws SQLException {
        try (Connection c = raw(url); Statement s = c.createStatement()) {
            if (url.startsWith("jdbc:sqlite:")) {
                for (String t : new String[] {"records_no_update", "records_no_delete",
                        "record_subjects_no_update", "record_subjects_no_delete", "checkpoints_no_update",
                        "checkpoints_no_delete", "store_identity_no_update", "store_identity_no_delete"}) {
                    s.execute("DROP TRIGGER IF EXISTS " + t);
                }
            } else {
                s.execute("SET session_replication_role = replica"); // superuser: no triggers, no foreign keys
            }
            for (String q : sql) {
                s.execute(q);
            }
        }
    }
}
