package dev.hermeticbuild.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * SQLite: WAL journal with {@code synchronous=FULL} (a committed append survives a crash of the
 * process or the machine), appends under {@code BEGIN IMMEDIATE} (one writer at a time across
 * processes, others wait up to a minute), and {@code PRAGMA application_id} marking the file as ours.
 */
final class SqliteDialect implements Dialect {

    /** {@code PRAGMA application_id} of a hermetic store: "HRMS". */
    static final int APPLICATION_ID = 0x48524D53;

    /**
     * Writers of one file within this JVM queue on a Java lock instead of SQLite's sleeping busy
     * handler (which made 8 threads slower than 1); other processes still wait in BEGIN IMMEDIATE.
     */
    private static final Map<Path, ReentrantLock> WRITERS = new ConcurrentHashMap<>();

    private ReentrantLock writer = new ReentrantLock();

    @Override
    public Connection connect(String url) throws SQLException {
        Path file = file(url);
        if (file != null) {
            writer = WRITERS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new ReentrantLock());
            checkOurs(url, file);
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new StoreException("store " + url + ": cannot create its directory (" + e.getMessage() + ")", e);
            }
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(60_000);
        config.enforceForeignKeys(true);
        return config.createConnection(url);
    }

    /** Looks at an existing file read-only before any pragma could change it. */
    private static void checkOurs(String url, Path file) throws SQLException {
        if (!Files.exists(file)) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new StoreException("store " + url + ": " + file + " is a directory, not a database file");
        }
        try {
            if (Files.size(file) == 0) {
                return;
            }
        } catch (IOException e) {
            throw new StoreException("store " + url + ": cannot read " + file + " (" + e.getMessage() + ")", e);
        }
        SQLiteConfig ro = new SQLiteConfig();
        ro.setReadOnly(true);
        try (Connection c = ro.createConnection(url); Statement s = c.createStatement()) {
            int appId;
            try (ResultSet rs = s.executeQuery("PRAGMA application_id")) {
                appId = rs.next() ? rs.getInt(1) : 0;
            }
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (appId != APPLICATION_ID && (appId != 0 || !tables.isEmpty())) {
                throw new StoreException("store " + url + ": " + file + " is a SQLite database of something else"
                        + " (application_id " + appId + ", tables " + tables + "), not a hermetic provenance store;"
                        + " refusing to touch it");
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && (e.getMessage().contains("SQLITE_NOTADB") || e.getMessage().contains("not a database"))) {
                throw new StoreException("store " + url + ": " + file + " is not a SQLite database"
                        + " (so not a hermetic provenance store); refusing to touch it", e);
            }
            throw e;
        }
    }

    /** The file of a {@code jdbc:sqlite:PATH} URL; null for in-memory databases. */
    static Path file(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        if (rest.isEmpty() || rest.equals(":memory:") || rest.contains("mode=memory")) {
            return null;
        }
        return Path.of(rest);
    }

    @Override
    public void begin(Connection c, Mode mode) throws SQLException {
        if (mode != Mode.READ) {
            writer.lock();
        }
        try (Statement s = c.createStatement()) {
            s.execute(mode == Mode.READ ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE");
        } catch (SQLException | RuntimeException e) {
            release();
            throw e;
        }
    }

    @Override
    public void end(Connection c, boolean commit) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(commit ? "COMMIT" : "ROLLBACK");
        } finally {
            release();
        }
    }

    private void release() {
        if (writer.isHeldByCurrentThread()) {
            writer.unlock();
        }
    }

    @Override
    public List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    @Override
    public List<String> appendOnly(String table) {
        List<String> sql = new ArrayList<>();
        for (String op : List.of("UPDATE", "DELETE")) {
            sql.add("CREATE TRIGGER " + table + "_no_" + op.toLowerCase(java.util.Locale.ROOT)
                    + " BEFORE " + op + " ON " + table + " BEGIN SELECT RAISE(ABORT, "
                    + "'provenance store is append-only: " + op + " of " + table + " refused'); END");
        }
        return sql;
    }

    @Override
    public List<String> markOurs() {
        return List.of("PRAGMA application_id = " + APPLICATION_ID);
    }
}
