package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.artifacts.Selection;
import hudson.FilePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Workspace files named by a step's pattern, as paths relative to the workspace. */
final class Workspaces {

    private Workspaces() {
    }

    static List<String> select(FilePath ws, String pattern) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        if (pattern != null && !pattern.isBlank()) {
            String root = ws.getRemote();
            for (FilePath f : ws.list(pattern)) {
                names.add(relative(root, f.getRemote()));
            }
        }
        return Selection.require(pattern, names);
    }

    static String relative(String root, String path) {
        String r = path.substring(Math.min(root.length(), path.length()));
        return r.replace('\\', '/').replaceFirst("^/+", "");
    }
}
