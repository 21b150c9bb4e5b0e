package dev.hermeticbuild.lock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Go's {@code go.sum}: module, version and the {@code h1:} hash of each module zip (go.mod-only lines skipped). */
public final class GoSum {

    public static final String FILE = "go.sum";

    private GoSum() {
    }

    public static List<LockedDependency> read(Path file) {
        List<LockedDependency> deps = new ArrayList<>();
        for (LockfileLines.Line line : LockfileLines.read(file, FILE).entries(false)) {
            String[] w = line.text().split("\\s+");
            if (w.length != 3 || !w[2].startsWith("h1:")) {
                throw line.error("expected 'MODULE VERSION h1:HASH'");
            }
            if (!isHash1(w[2].substring(3))) {
                throw line.error("h1 hash of " + w[0] + "@" + w[1] + " is not base64 SHA-256");
            }
            if (w[1].endsWith("/go.mod")) {
                continue;
            }
            deps.add(new LockedDependency("golang", w[0], w[1], Map.of("h1", w[2].substring(3)), Optional.empty(),
                    "pkg:golang/" + w[0] + "@" + w[1], List.of(), FILE, line.number()));
        }
        return deps;
    }

    private static boolean isHash1(String base64) {
        try {
            return java.util.Base64.getDecoder().decode(base64).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
