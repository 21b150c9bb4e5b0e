package dev.hermeticbuild.artifacts;

import dev.hermeticbuild.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What does exist where a glob that matched nothing was looking: the deepest existing directory
 * of its literal prefix and the first entries there, sorted, so a typo in a path shows at a glance.
 */
final class NearbyFiles {

    static final int LISTED = 10;

    private NearbyFiles() {
    }

    /** A sentence naming the deepest existing directory of {@code glob}'s literal prefix and what it holds. */
    static String describe(Path root, OutputGlob glob) {
        Path deepest = root;
        String missing = "";
        for (String name : GlobPattern.names(glob.literalPrefix().toString())) {
            Path next = deepest.resolve(name);
            if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                missing = Printable.escape(root.relativize(next) + "/") + " does not exist; ";
                break;
            }
            deepest = next;
        }
        String where = deepest.equals(root) ? "the workspace" : Printable.escape(root.relativize(deepest) + "/");
        List<String> entries = entries(deepest);
        if (entries.isEmpty()) {
            return missing + where + " is empty";
        }
        String listed = String.join(", ", entries.subList(0, Math.min(LISTED, entries.size())));
        String more = entries.size() > LISTED ? " and " + (entries.size() - LISTED) + " more" : "";
        return missing + where + " holds: " + listed + more;
    }

    private static List<String> entries(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> Printable.escape(p.getFileName().toString())
                            + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : ""))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of("(cannot be listed: " + e.getMessage() + ")");
        }
    }
}
