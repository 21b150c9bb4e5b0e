package dev.hermeticbuild.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: {@code initdb} into a temporary directory, started
 * with {@code pg_ctl} on 127.0.0.1 and a free port (as the {@code postgres} user when the tests
 * run as root), removed when the JVM exits. One cluster per test JVM; each test takes a fresh
 * database. Tests that need it are skipped, with a message, only when PostgreSQL is not installed.
 */
public final class PostgresServer {

    /** Where Debian's postgresql package puts its server binaries. */
    private static final List<Path> BIN_DIRS = List.of(Path.of("/usr/lib/postgresql/15/bin"),
            Path.of("/usr/lib/postgresql/16/bin"), Path.of("/usr/lib/postgresql/17/bin"));

    private static PostgresServer instance;

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path bin, Path dataDir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The shared server, started on first use; skips the calling test if PostgreSQL is not installed. */
    public static synchronized PostgresServer get() {
        if (instance == null) {
            Path bin = BIN_DIRS.stream().filter(d -> Files.isExecutable(d.resolve("initdb"))
                    && Files.isExecutable(d.resolve("pg_ctl"))).findFirst().orElse(null);
            Tools.require("postgresql", bin != null, "the PostgreSQL half of the store tests needs initdb and pg_ctl under "
                    + BIN_DIRS + " (apt-get install -y postgresql)");
            instance = start(bin);
        }
        return instance;
    }

    private static PostgresServer start(Path bin) {
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            Path dir = Files.createTempDirectory("hermetic-pg-");
            if (root) {
                Cmd.run(Map.of(), null, "chown", "postgres:postgres", dir.toString());
            }
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                port = s.getLocalPort();
            }
            PostgresServer server = new PostgresServer(bin, dir.resolve("data"), port, root);
            server.pg("initdb", "-D", server.dataDir.toString(), "-A", "trust", "-U", "hermetic",
                    "--no-sync", "-E", "UTF8", "--locale=C");
            server.startServer();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stopServer(true);
                deleteTree(dir);
            }));
            return server;
        } catch (IOException e) {
            throw new AssertionError("cannot set up PostgreSQL: " + e.getMessage(), e);
        }
    }

    private String pg(String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        return Cmd.run(Map.of(), Path.of("/"), cmd.toArray(String[]::new));
    }

    /** Starts the server (again) and waits until it accepts connections. */
    public void startServer() {
        pg("pg_ctl", "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-h 127.0.0.1 -p " + port + " -k " + dataDir + " -c fsync=on -c max_connections=60", "start");
    }

    /** Stops the server; {@code immediate}: like a crash (no checkpoint, clients cut off). */
    public void stopServer(boolean immediate) {
        try {
            pg("pg_ctl", "-D", dataDir.toString(), "-m", immediate ? "immediate" : "fast", "-w", "stop");
        } catch (AssertionError e) {
            // already stopped
        }
    }

    /** A JDBC URL to a new, empty database of this server. */
    public String newDatabase() {
        String name = "store_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new AssertionError("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    /**
     * A login role that must give its password (SCRAM; every other role keeps trust), and the
     * JDBC URL of a new database of the same name that it owns, without the password.
     */
    public synchronized String passwordRole(String user, String password) {
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + user);
            s.execute("DROP ROLE IF EXISTS " + user);
            s.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            s.execute("CREATE DATABASE " + user + " OWNER " + user);
        } catch (SQLException e) {
            throw new AssertionError("cannot create role " + user + ": " + e.getMessage(), e);
        }
        Path hba = dataDir.resolve("pg_hba.conf");
        try {
            String rule = "host all " + user + " 127.0.0.1/32 scram-sha-256\n";
            String current = Files.readString(hba);
            if (!current.contains(rule)) {
                Files.writeString(hba, rule + current);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot edit " + hba + ": " + e.getMessage(), e);
        }
        pg("pg_ctl", "-D", dataDir.toString(), "-w", "reload");
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + user + "?user=" + user + "&connectTimeout=10";
    }

    /** The JDBC URL of database {@code name}. */
    public String url(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=hermetic&connectTimeout=10&socketTimeout=120";
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary directory: best effort
        }
    }
}
