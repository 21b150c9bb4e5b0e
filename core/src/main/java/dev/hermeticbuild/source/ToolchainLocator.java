package dev.hermeticbuild.source;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.provenance.Toolchain;
import dev.hermeticbuild.sandbox.SandboxSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Finds the toolchains a build is given, the way the build itself would find them in its
 * sandbox: the JDK named by {@code JAVA_HOME}, and the {@code java}, {@code node} and {@code go}
 * that its {@code PATH} resolves to. The runner reads each installation on the host, before the
 * build runs (its version from the installation's own files, its digest by
 * {@link InstallationDigest}), so nothing the build prints or leaves can change the record.
 */
public final class ToolchainLocator {

    /** A kind of toolchain and the command that finds it on {@code PATH}. */
    public enum Kind {
        JDK("jdk", "java"), NODE("node", "node"), GO("go", "go");

        private final String id;
        private final String command;

        Kind(String id, String command) {
            this.id = id;
            this.command = command;
        }

        /** The recorded kind: {@code jdk}, {@code node}, {@code go}. */
        public String id() {
            return id;
        }

        public static Optional<Kind> of(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * What the build sees of the host.
     *
     * @param isolated whether a namespace sandbox shows the host's system directories read-only
     * @param workspaceMount where the build tree appears inside the sandbox
     * @param buildTree the host directory the build runs in
     * @param buildWritable host trees this build, or an earlier one, could write: the workspace, the build tree, its scratch
     */
    public record View(boolean isolated, String workspaceMount, Path buildTree, List<Path> buildWritable) {
        public View {
            buildTree = buildTree.toAbsolutePath().normalize();
            buildWritable = buildWritable.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        }
    }

    private static final long VERSION_TIMEOUT_SECONDS = 10;

    private ToolchainLocator() {
    }

    /** Every toolchain {@code environment} gives the build, in the order JAVA_HOME, then PATH's java, node, go. */
    public static List<ProvidedToolchain> locate(Map<String, String> environment, View view) {
        List<ProvidedToolchain> found = new ArrayList<>();
        javaHome(environment).ifPresent(home -> found.add(installation(Kind.JDK, home, view, ProvidedToolchain.VIA_JAVA_HOME)));
        for (Kind kind : Kind.values()) {
            Optional<Path> seen = onPath(kind, environment.getOrDefault("PATH", ""), view);
            if (seen.isEmpty()) {
                continue;
            }
            ProvidedToolchain t = installation(kind, seen.get(), view, ProvidedToolchain.VIA_PATH);
            int same = indexOfSame(found, t);
            if (same >= 0) {
                found.set(same, found.get(same).alsoVia(ProvidedToolchain.VIA_PATH));
            } else {
                found.add(t);
            }
        }
        return List.copyOf(found);
    }

    /**
     * Host paths the sandbox must show read-only at the same path so the build sees its toolchains:
     * a {@code JAVA_HOME} and {@code PATH} directories outside the system directories (which every
     * namespace sandbox shows anyway). Build-controlled places are never among them.
     */
    public static List<Path> readOnlyBinds(Map<String, String> environment, View view) {
        List<Path> binds = new ArrayList<>();
        javaHome(environment).filter(p -> !controlled(p, view) && Files.isExecutable(p.resolve("bin/java"))).ifPresent(binds::add);
        for (String dir : environment.getOrDefault("PATH", "").split(":")) {
            if (dir.startsWith("/")) {
                Path p = Path.of(dir).normalize();
                boolean holdsToolchain = java.util.Arrays.stream(Kind.values()).anyMatch(k -> Files.isExecutable(p.resolve(k.command)));
                if (holdsToolchain && !controlled(p, view)) {
                    binds.add(p);
                }
            }
        }
        return binds.stream().distinct().filter(p -> !SandboxSpec.visibleInside(real(p), view.buildTree())).toList();
    }

    /** The installation that {@code kind}'s command on {@code pathValue} belongs to, as the runner resolves it. */
    public static Optional<Path> installationOnPath(Kind kind, String pathValue) {
        View host = new View(false, SandboxSpec.WORKSPACE_MOUNT, Path.of("/nonexistent-build-tree"), List.of());
        return onPath(kind, pathValue, host).map(seen -> installationRoot(kind, seen));
    }

    /** Where {@code kind}'s command on PATH would be bin-linked from: the directory to put first on PATH to select {@code installation}. */
    public static Path binDirectory(Kind kind, Path installation) {
        return Files.isDirectory(installation) ? installation.resolve("bin") : installation.getParent();
    }

    private static Optional<Path> javaHome(Map<String, String> environment) {
        String value = environment.get("JAVA_HOME");
        if (value == null) {
            return Optional.empty();
        }
        if (!value.startsWith("/")) {
            throw new InputException("JAVA_HOME=" + value + " is not an absolute path");
        }
        return Optional.of(Path.of(value).normalize());
    }

    /** The first executable {@code kind.command} on PATH, as the path the build sees (not yet resolved). */
    private static Optional<Path> onPath(Kind kind, String pathValue, View view) {
        for (String dir : pathValue.split(":")) {
            if (!dir.startsWith("/")) {
                continue;
            }
            Path seen = Path.of(dir).normalize().resolve(kind.command);
            Path host = hostPath(seen, view);
            if (Files.isRegularFile(host) && Files.isExecutable(host)) {
                return Optional.of(seen);
            }
        }
        return Optional.empty();
    }

    /** The toolchain at {@code seen} (a JAVA_HOME, or a command found on PATH), read and digested on the host. */
    private static ProvidedToolchain installation(Kind kind, Path seen, View view, String via) {
        boolean controlled = controlled(seen, view);
        Path host = hostPath(seen, view);
        if (via.equals(ProvidedToolchain.VIA_JAVA_HOME) && !controlled && !Files.isExecutable(host.resolve("bin/java"))) {
            throw new InputException("JAVA_HOME=" + seen + " is not a JDK on the runner: it has no executable bin/java");
        }
        if (!Files.exists(host)) {
            return new ProvidedToolchain(new Toolchain(kind.id(), "unknown (absent before the build)", seen.toString(), Map.of()),
                    Optional.empty(), List.of(via), controlled, false);
        }
        Path root = via.equals(ProvidedToolchain.VIA_JAVA_HOME) ? real(host) : installationRoot(kind, host);
        controlled = controlled || underAny(root, view.buildWritable());
        Path recorded = via.equals(ProvidedToolchain.VIA_JAVA_HOME) ? seen : seenPath(root, view);
        Map<String, String> release = kind == Kind.NODE ? Map.of() : releaseFile(kind, root);
        String version = switch (kind) {
            case JDK -> release.getOrDefault("JAVA_RUNTIME_VERSION", release.getOrDefault("JAVA_VERSION", "unknown"));
            case GO -> release.getOrDefault("VERSION", "unknown");
            case NODE -> controlled ? "unknown (build-controlled: not run)" : nodeVersion(root);
        };
        Optional<String> vendor = Optional.ofNullable(release.get("IMPLEMENTOR"));
        Map<String, String> digest = InstallationDigest.of(root, controlled ? Optional.empty() : InstallationDigestCache.runner());
        Toolchain toolchain = new Toolchain(kind.id(), version, recorded.toString(), digest);
        return new ProvidedToolchain(toolchain, vendor, List.of(via), controlled, view.isolated());
    }

    /** A JDK's or GOROOT's top directory when the command sits in its {@code bin} beside a {@code release}/{@code VERSION} file; else the binary. */
    private static Path installationRoot(Kind kind, Path command) {
        Path binary = real(command);
        Path bin = binary.getParent();
        if (kind == Kind.NODE || bin == null || bin.getParent() == null || !bin.getFileName().toString().equals("bin")) {
            return binary;
        }
        String marker = kind == Kind.JDK ? "release" : "VERSION";
        return Files.isRegularFile(bin.getParent().resolve(marker)) ? bin.getParent() : binary;
    }

    /** A JDK's {@code release} properties (quotes removed), or a GOROOT's {@code VERSION} first line as {@code VERSION}. */
    private static Map<String, String> releaseFile(Kind kind, Path root) {
        if (!Files.isDirectory(root)) {
            return Map.of();
        }
        try {
            if (kind == Kind.GO) {
                List<String> lines = Files.readAllLines(root.resolve("VERSION"), StandardCharsets.UTF_8);
                return lines.isEmpty() ? Map.of() : Map.of("VERSION", lines.get(0).strip());
            }
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(root.resolve("release"))) {
                p.load(in);
            }
            Map<String, String> values = new LinkedHashMap<>();
            p.forEach((k, v) -> values.put(k.toString(), v.toString().replaceAll("^\"|\"$", "")));
            return values;
        } catch (IOException e) {
            return Map.of();
        }
    }

    /**
     * What {@code node --version} prints, run on the host with an empty environment; only for a
     * node the build cannot have changed. Kept in the runner's cache under the binary's
     * fingerprint, so an unchanged node is not started on every build.
     */
    private static String nodeVersion(Path node) {
        Optional<InstallationDigestCache> cache = InstallationDigestCache.runner();
        Path real;
        try {
            real = node.toRealPath();
        } catch (IOException e) {
            return runNodeVersion(node);
        }
        Optional<String> fingerprint = InstallationDigest.fileFingerprint(real);
        Optional<String> known = cache.flatMap(c -> fingerprint.flatMap(f -> c.lookupVersion(real, f)));
        if (known.isPresent()) {
            return known.get();
        }
        String version = runNodeVersion(real);
        cache.ifPresent(c -> fingerprint.ifPresent(f -> c.storeVersion(real, f, version)));
        return version;
    }

    private static String runNodeVersion(Path node) {
        try {
            ProcessBuilder pb = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true);
            pb.environment().clear();
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(200);
            if (!p.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown (node --version did not finish)";
            }
            String v = new String(out, StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 && v.matches("v[0-9][0-9A-Za-z.+-]{0,40}") ? v : "unknown";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }

    private static int indexOfSame(List<ProvidedToolchain> found, ProvidedToolchain t) {
        for (int i = 0; i < found.size(); i++) {
            Toolchain other = found.get(i).toolchain();
            if (other.kind().equals(t.toolchain().kind()) && !other.digest().isEmpty() && other.digest().equals(t.toolchain().digest())
                    && found.get(i).buildControlled() == t.buildControlled()) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the build could have written {@code seen} (a path as the build sees it). */
    private static boolean controlled(Path seen, View view) {
        if (view.isolated() && (seen.startsWith(view.workspaceMount()) || seen.startsWith(SandboxSpec.HOME))) {
            return true;
        }
        Path host = hostPath(seen, view);
        return underAny(host, view.buildWritable()) || Files.exists(host) && underAny(real(host), view.buildWritable());
    }

    /** The host path of a path the build sees: the build tree is mounted elsewhere inside a sandbox; everything else is at its own path. */
    private static Path hostPath(Path seen, View view) {
        if (view.isolated() && seen.startsWith(view.workspaceMount())) {
            return view.buildTree().resolve(Path.of(view.workspaceMount()).relativize(seen).toString());
        }
        return seen;
    }

    private static Path seenPath(Path host, View view) {
        if (view.isolated() && host.startsWith(view.buildTree())) {
            return Path.of(view.workspaceMount()).resolve(view.buildTree().relativize(host).toString());
        }
        return host;
    }

    private static boolean underAny(Path p, List<Path> trees) {
        Path n = p.toAbsolutePath().normalize();
        return trees.stream().anyMatch(n::startsWith);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new InputException("toolchain " + p + " cannot be resolved: " + e.getMessage(), e);
        }
    }
}
