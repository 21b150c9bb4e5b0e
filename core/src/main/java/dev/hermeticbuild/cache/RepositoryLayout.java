package dev.hermeticbuild.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A build's private Maven repository as data: its directories and the symlinks in them, each
 * pointing into the build's {@link DependencyView} where the sandbox shows it. Laid out either on
 * the host ({@link #writeUnder}) or by the sandbox itself, on a private tmpfs inside it, so that
 * no host disk work is spent on it.
 *
 * @param directories every directory, relative to the repository root, parents before children
 * @param links each symlink's path relative to the repository root, to the path it points at
 */
public record RepositoryLayout(List<String> directories, Map<String, String> links) {

    public RepositoryLayout {
        directories = List.copyOf(directories);
        links = java.util.Collections.unmodifiableMap(new TreeMap<>(links));
    }

    /** The layout of {@code links}: their parent directories, each once, parents first. */
    static RepositoryLayout of(Map<Path, String> links) {
        Set<String> dirs = new TreeSet<>();
        Set<Path> seen = new HashSet<>();
        for (Path link : links.keySet()) {
            for (Path dir = link.getParent(); dir != null && seen.add(dir); dir = dir.getParent()) {
                dirs.add(dir.toString());
            }
        }
        Map<String, String> named = new TreeMap<>();
        links.forEach((path, target) -> named.put(path.toString(), target));
        for (String link : named.keySet()) {
            if (dirs.contains(link)) {
                String under = named.keySet().stream().filter(other -> other.startsWith(link + "/")).findFirst().orElseThrow();
                throw new CacheException("the lock places " + link + " and " + under + " in the build's Maven repository:"
                        + " a file cannot also be a directory; fix the lock");
            }
        }
        return new RepositoryLayout(List.copyOf(dirs), named);
    }

    /** Creates the layout under {@code repository} (which must hold none of it yet), every directory once, by one thread. */
    public void writeUnder(Path repository) {
        try {
            Files.createDirectories(repository);
            for (String dir : directories) {
                Files.createDirectory(repository.resolve(dir));
            }
            for (Map.Entry<String, String> link : links.entrySet()) {
                Files.createSymbolicLink(repository.resolve(link.getKey()), Path.of(link.getValue()));
            }
        } catch (IOException e) {
            throw new CacheException("cannot lay out the build's Maven repository in " + repository + ": " + e.getMessage(), e);
        }
    }
}
