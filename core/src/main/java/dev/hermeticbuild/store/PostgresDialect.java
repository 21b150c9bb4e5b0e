package dev.hermeticbuild.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL: appends in a transaction holding {@code LOCK TABLE records IN EXCLUSIVE MODE}
 * (writers queue, readers go on), schema changes under a transaction-scoped advisory lock,
 * append-only enforced by statement triggers. Durability is the server's (fsync, WAL).
 */
final class PostgresDialect implements Dialect {

    /** Advisory lock key of schema migrations ("HRMS"). */
    private static final long MIGRATION_LOCK = 0x48524D53L;

    /**
     * The driver itself, not {@code DriverManager}: that looks drivers up through the caller's and
     * the context class loader, which in a Jenkins step thread is core's and cannot see the plugin's.
     */
    private static final java.sql.Driver DRIVER = new org.postgresql.Driver();

    @Override
    public Connection connect(String url) throws SQLException {
        Connection c = DRIVER.connect(url, new java.util.Properties());
        if (c == null) {
            throw new SQLException("not a PostgreSQL JDBC URL");
        }
        c.setAutoCommit(true);
        return c;
    }

    @Override
    public void begin(Connection c, Mode mode) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            switch (mode) {
                case READ -> s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                case APPEND -> s.execute("LOCK TABLE records IN EXCLUSIVE MODE");
                case MIGRATE -> s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            }
        }
    }

    @Override
    public void end(Connection c, boolean commit) throws SQLException {
        try {
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
        } finally {
            if (!c.isClosed()) {
                c.setAutoCommit(true);
            }
        }
    }

    @Override
    public List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    @Override
    public List<String> appendOnly(String table) {
        return List.of(appendOnlyFunction(), "CREATE TRIGGER " + table + "_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON " + table
                + " FOR EACH STATEMENT EXECUTE FUNCTION hermetic_append_only()");
    }

    /** The trigger function the append-only triggers call. */
    private static String appendOnlyFunction() {
        return "CREATE OR REPLACE FUNCTION hermetic_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION 'provenance store is append-only: % of % refused', TG_OP, TG_TABLE_NAME;"
                + " END $$";
    }

    @Override
    public List<String> markOurs() {
        return List.of();
    }

    @Override
    public boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }
}
