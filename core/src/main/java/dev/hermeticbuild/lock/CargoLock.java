package dev.hermeticbuild.lock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cargo's {@code Cargo.lock}: each {@code [[package]]} with name, version, source and checksum.
 * Only the subset of TOML that Cargo writes is read; anything else is a parse error.
 */
public final class CargoLock {

    public static final String FILE = "Cargo.lock";

    private CargoLock() {
    }

    public static List<LockedDependency> read(Path file) {
        List<LockfileLines.Line> lines = LockfileLines.read(file, FILE).lines();
        List<LockedDependency> deps = new ArrayList<>();
        Map<String, String> current = null;
        int start = 0;
        boolean inArray = false;
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i).text().strip() : "[[end]]";
            if (inArray) {
                inArray = !line.endsWith("]");
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (current != null) {
                    deps.add(toDependency(current, start));
                }
                current = line.equals("[[package]]") ? new HashMap<>() : null;
                start = i + 1;
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw lines.get(i).error("expected KEY = VALUE");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.startsWith("[")) {
                inArray = !value.endsWith("]");
                continue;
            }
            if (!(value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) && !value.matches("\\d+")) {
                throw lines.get(i).error("value of " + key + " is not a string");
            }
            if (current != null) {
                current.put(key, value.replace("\"", ""));
            }
        }
        return deps;
    }

    private static LockedDependency toDependency(Map<String, String> p, int line) {
        String name = p.get("name");
        String version = p.get("version");
        if (name == null || version == null) {
            throw new LockfileException(FILE, line, "[[package]] without name or version");
        }
        Map<String, String> digests = p.containsKey("checksum") ? Map.of("sha256", p.get("checksum")) : Map.of();
        String source = p.getOrDefault("source", "");
        Optional<String> url = source.startsWith("registry+") ? Optional.of(source.substring(9)) : Optional.empty();
        Map<String, String> annotated = new HashMap<>(digests);
        if (source.startsWith("git+") && source.contains("#")) {
            annotated.put("gitCommit", source.substring(source.indexOf('#') + 1));
        }
        if (source.isEmpty()) {
            annotated.put("local", "path");
        }
        return new LockedDependency("cargo", name, version, annotated, url, "pkg:cargo/" + name + "@" + version, List.of(), FILE, line);
    }
}
