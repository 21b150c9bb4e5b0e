package dev.hermeticbuild.sandbox;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tree of directories and symlinks that the sandbox lays out itself, on a private tmpfs at
 * {@link #mountPoint()} inside it (a build's Maven repository linking into its dependency view):
 * no host disk is touched for it, and it vanishes with the sandbox. Only sandboxes whose
 * {@link Sandbox#laysOutLinkFarms()} is true take one.
 *
 * @param mountPoint the absolute path inside the sandbox where the tmpfs is mounted
 * @param directories directories relative to the mount point, parents before children
 * @param links symlinks relative to the mount point, each to the path it points at
 */
public record LinkFarm(String mountPoint, List<String> directories, Map<String, String> links) {

    /**
     * The most bytes a farm may add to the sandbox's command line: far below the kernel's limit
     * on a command line (2 MiB with the default stack), so the rest of it always fits. A larger
     * farm is laid out on the host instead.
     */
    public static final long MAX_ARGUMENT_BYTES = 512 * 1024;

    public LinkFarm {
        if (!mountPoint.matches("(/[A-Za-z0-9._-]+)+") || mountPoint.contains("/..")) {
            throw new IllegalArgumentException("not a usable mount point for a link farm: " + mountPoint);
        }
        directories = List.copyOf(directories);
        links = java.util.Collections.unmodifiableMap(new TreeMap<>(links));
        directories.forEach(LinkFarm::relative);
        links.keySet().forEach(LinkFarm::relative);
        for (String target : links.values()) {
            if (target.isEmpty() || target.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("not a usable symlink target: " + target.replace("\0", "\\0"));
            }
        }
    }

    /** Whether this farm's arguments fit within {@link #MAX_ARGUMENT_BYTES}. */
    public boolean fitsOnCommandLine() {
        long bytes = 0;
        for (String dir : directories) {
            bytes += mountPoint.length() + dir.length() + 16;
        }
        for (Map.Entry<String, String> link : links.entrySet()) {
            bytes += mountPoint.length() + link.getKey().length() + link.getValue().length() + 24;
        }
        return bytes <= MAX_ARGUMENT_BYTES;
    }

    /** Where {@code relative} lies inside the sandbox. */
    public String inside(String relative) {
        return mountPoint + "/" + relative;
    }

    private static void relative(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.indexOf('\0') >= 0
                || java.util.Arrays.stream(path.split("/", -1)).anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
            throw new IllegalArgumentException("not a relative path inside a link farm: " + path.replace("\0", "\\0"));
        }
    }
}
