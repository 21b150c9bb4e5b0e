package dev.hermeticbuild.source;

import dev.hermeticbuild.digest.Sha256;
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
 * Earlier {@code dirHash} results of toolchain trees (and what a node binary's {@code --version}
 * printed), one small file per tree in a directory only
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
        return read(entry(tree), tree, fingerprint, HEX_DIGEST);
    }

    void store(Path tree, String fingerprint, String dirHash) {
        write(entry(tree), tree, fingerprint, dirHash);
    }

    /** What an earlier run of {@code binary --version} printed, while the binary's fingerprint is unchanged. */
    Optional<String> lookupVersion(Path binary, String fingerprint) {
        return read(versionEntry(binary), binary, fingerprint, VERSION);
    }

    void storeVersion(Path binary, String fingerprint, String version) {
        if (VERSION.matcher(version).matches()) {
            write(versionEntry(binary), binary, fingerprint, version);
        }
    }

    private static final java.util.regex.Pattern HEX_DIGEST = java.util.regex.Pattern.compile("[0-9a-f]{64}");
    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("v[0-9][0-9A-Za-z.+-]{0,40}");

    private static Optional<String> read(Path entry, Path tree, String fingerprint, java.util.regex.Pattern value) {
        try {
            if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(entry, StandardCharsets.UTF_8);
            if (lines.size() == 3 && lines.get(0).equals(tree.toString()) && lines.get(1).equals(fingerprint)
                    && value.matcher(lines.get(2)).matches()) {
                return Optional.of(lines.get(2));
            }
        } catch (IOException e) {
            // recomputed below
        }
        return Optional.empty();
    }

    private void write(Path entry, Path tree, String fingerprint, String value) {
        try {
            Path staging = Files.createTempFile(directory, "toolchain-", ".staging");
            Files.writeString(staging, tree + "\n" + fingerprint + "\n" + value + "\n", StandardCharsets.UTF_8);
            Files.move(staging, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // a cache that cannot be written only costs the next build the hashing
        }
    }

    private Path versionEntry(Path binary) {
        return directory.resolve("toolchain-" + Sha256.ofBytes(binary.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 32) + ".version");
    }

    private Path entry(Path tree) {
        return directory.resolve("toolchain-" + Sha256.ofBytes(tree.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 32) + ".digest");
    }
}
