package dev.hermeticbuild.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;

/**
 * Test-only npm packages pinned by a package-lock.json under src/test, installed with
 * {@code npm ci} into a directory of target/ (npm cache in target/npm-cache, so a second run
 * needs no network), once per lockfile content.
 */
public final class NpmPackages {

    private NpmPackages() {
    }

    /** Whether node and npm are installed. */
    public static boolean available() {
        return Cmd.onPath("node") && Cmd.onPath("npm");
    }

    /**
     * Copies {@code files} (package.json, package-lock.json and the scripts) from {@code source} to
     * {@code work} and installs the lock there unless {@code marker} (a path under work) shows it is already.
     */
    public static synchronized Path install(Path source, Path work, String marker, String... files) {
        try {
            Files.createDirectories(work);
            boolean fresh = Files.isDirectory(work.resolve(marker))
                    && Files.exists(work.resolve("package-lock.json"))
                    && Arrays.equals(Files.readAllBytes(work.resolve("package-lock.json")),
                            Files.readAllBytes(source.resolve("package-lock.json")));
            for (String f : files) {
                Files.copy(source.resolve(f), work.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!fresh) {
                Cmd.run(Map.of(), work, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund",
                        "--prefer-offline", "--cache", work.toAbsolutePath().getParent().resolve("npm-cache").toString());
            }
            return work;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
