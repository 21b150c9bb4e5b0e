package dev.hermeticbuild.source;

import dev.hermeticbuild.artifacts.Sha256;
import dev.hermeticbuild.sandbox.RunnerFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Earlier {@code dirHash} results of toolchain trees, one small file per tree in a directory only
 * the runner may write (by default its private directory, which no sandbox shows). An entry
 * counts only while the tree's fingerprint (every file's size, mtime, ctime, inode) is unchanged;
 * an unreadable or stale entry is simply recomputed.
 */
public final class InstallationDigestCache {

    private final Path directory;

    public InstallationDigestCache(Path directory) {
        this.directory = directory;
    }

    /** The runner's own cache, or none when its private directory cannot be made (then every build hashes). */
    static Optional<InstallationDigestCache> runner() {
        try {
            return Optional.of(new InstallationDigestCache(RunnerFiles.privateDirectory()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    Optional<String> lookup(Path tree, String fingerprint) {
        Path entry = entry(tree);
        try {
            if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(entry, StandardCharsets.UTF_8);
            if (lines.size() == 3 && lines.get(0).equals(tree.toString()) && lines.get(1).equals(fingerprint)
                    && lines.get(2).matches("[0-9a-f]{64}")) {
                return Optional.of(lines.get(2));
            }
        } catch (IOException e) {
            // recomputed below
        }
        return Optional.empty();
    }

    void store(Path tree, String fingerprint, String dirHash) {
        try {
            Path staging = Files.createTempFile(directory, "toolchain-", ".staging");
            Files.writeString(staging, tree + "\n" + fingerprint + "\n" + dirHash + "\n", StandardCharsets.UTF_8);
            Files.move(staging, entry(tree), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // a cache that cannot be written only costs the next build the hashing
        }
    }

    private Path entry(Path tree) {
        return directory.resolve("toolchain-" + Sha256.ofBytes(tree.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 32) + ".digest");
    }
}
