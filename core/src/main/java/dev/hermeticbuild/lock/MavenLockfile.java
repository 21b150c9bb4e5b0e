package dev.hermeticbuild.lock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code hermetic.lock}: Maven has no lockfile, so this is ours. One artifact a line, every file
 * the build resolves (plugins and their dependencies included):
 * {@code GROUP:ARTIFACT:EXTENSION[:CLASSIFIER]:VERSION sha256=HEX}; {@code #} starts a comment.
 */
public final class MavenLockfile {

    public static final String FILE = "hermetic.lock";
    public static final String HEADER = "# hermetic.lock v1: every artifact the Maven build resolves (plugins included), pinned by sha256.";

    /** Maven coordinates of one locked file. */
    public record Coordinates(String group, String artifact, String extension, String classifier, String version) {

        /** Where the file lives in a Maven repository (local or remote). */
        public String repositoryPath() {
            return group.replace('.', '/') + "/" + artifact + "/" + version + "/" + artifact + "-" + version
                    + (classifier.isEmpty() ? "" : "-" + classifier) + "." + extension;
        }

        public String name() {
            return group + ":" + artifact + ":" + extension + (classifier.isEmpty() ? "" : ":" + classifier);
        }

        public String purl() {
            return "pkg:maven/" + group + "/" + artifact + "@" + version + "?type=" + extension
                    + (classifier.isEmpty() ? "" : "&classifier=" + classifier);
        }

        @Override
        public String toString() {
            return name() + ":" + version;
        }
    }

    private MavenLockfile() {
    }

    public static List<LockedDependency> read(Path file) {
        return parse(LockfileLines.read(file, file.getFileName().toString()));
    }

    /** The entries of a lockfile's lines; {@code name} is how errors and {@link LockedDependency#lockfile()} name it. */
    public static List<LockedDependency> parse(String name, List<String> lines) {
        return parse(LockfileLines.of(name, lines));
    }

    private static List<LockedDependency> parse(LockfileLines lines) {
        List<LockedDependency> deps = new ArrayList<>();
        for (LockfileLines.Line line : lines.entries(true)) {
            String[] words = line.text().split("\\s+");
            if (words.length > 2) {
                throw line.error("expected 'GROUP:ARTIFACT:EXTENSION[:CLASSIFIER]:VERSION sha256=HEX', found extra text");
            }
            Coordinates c = parseCoordinates(words[0], lines.name(), line.number());
            Map<String, String> digests = Map.of();
            if (words.length == 2) {
                if (!words[1].matches("sha256=[0-9a-f]{64}")) {
                    throw line.error("'" + words[1] + "' is not sha256=<64 lower-case hex>");
                }
                digests = Map.of("sha256", words[1].substring(7));
            }
            deps.add(new LockedDependency("maven", c.name(), c.version(), digests, Optional.empty(), c.purl(),
                    List.of(), lines.name(), line.number()));
        }
        return deps;
    }

    /** One Maven coordinate part: what a repository path segment may safely be. */
    private static final java.util.regex.Pattern PART = java.util.regex.Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]*");
    /** A version may also be a range ({@code [1.0,2.0)}), so that the pin policy can name it as one. */
    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("[A-Za-z0-9_+\\[\\](,-][A-Za-z0-9._+\\[\\](),-]*");

    public static Coordinates parseCoordinates(String text, String file, int line) {
        String[] p = text.split(":", -1);
        if ((p.length != 4 && p.length != 5) || List.of(p).stream().anyMatch(String::isEmpty)) {
            throw new LockfileException(file, line, "'" + text + "' is not GROUP:ARTIFACT:EXTENSION[:CLASSIFIER]:VERSION");
        }
        for (int i = 0; i < p.length; i++) {
            boolean ok = i == 0
                    ? List.of(p[0].split("\\.", -1)).stream().allMatch(g -> !g.isEmpty() && PART.matcher(g).matches())
                    : (i == p.length - 1 ? VERSION : PART).matcher(p[i]).matches() && !p[i].contains("..");
            if (!ok) {
                throw new LockfileException(file, line, "'" + text + "': '" + p[i] + "' is not a valid Maven coordinate part"
                        + " (letters, digits, . _ + - only; no empty or '..' segments)");
            }
        }
        return p.length == 4 ? new Coordinates(p[0], p[1], p[2], "", p[3]) : new Coordinates(p[0], p[1], p[2], p[3], p[4]);
    }

    /** The coordinates of a locked Maven dependency (its name is {@code group:artifact:extension[:classifier]}). */
    public static Coordinates coordinates(LockedDependency d) {
        return parseCoordinates(d.name() + ":" + d.version(), d.lockfile(), d.line());
    }

    /** Writes a lockfile: entries sorted, one a line, so that the same set is the same bytes. */
    public static void write(Path file, List<Map.Entry<Coordinates, String>> entries) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        entries.stream().map(e -> e.getKey() + " sha256=" + e.getValue()).sorted().forEach(lines::add);
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new dev.hermeticbuild.InputException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
