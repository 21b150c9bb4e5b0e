package dev.hermeticbuild.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between the SQL backends: how to connect durably, how to serialize writers,
 * how to list tables and how to make tables append-only. Everything else is shared SQL.
 */
interface Dialect {

    /** What a transaction is for: reading a consistent snapshot, appending, or migrating the schema. */
    enum Mode { READ, APPEND, MIGRATE }

    /** Opens a connection with the backend's durability settings; refuses a database that is not ours. */
    Connection connect(String url) throws SQLException;

    /** Starts a transaction; APPEND and MIGRATE exclude every other writer until {@link #end}. */
    void begin(Connection c, Mode mode) throws SQLException;

    /** Commits or rolls back the transaction started by {@link #begin}. */
    void end(Connection c, boolean commit) throws SQLException;

    /** Names of the tables in the store's schema. */
    List<String> tables(Connection c) throws SQLException;

    /** Statements that make {@code table} refuse UPDATE and DELETE (schema version 2). */
    List<String> appendOnly(String table);

    /** Extra statements for schema version 1 (e.g. marking a SQLite file as ours). */
    List<String> markOurs();

    /** Whether {@code e} means the server or file is unreachable (as opposed to a bad statement). */
    default boolean connectionLost(SQLException e) {
        return false;
    }
}
