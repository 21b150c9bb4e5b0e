package dev.hermeticbuild.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;

/**
 * sigstore-js ({@code @sigstore/verify} 3.1.1, pinned by core/src/test/node/package-lock.json),
 * installed with {@code npm ci} into target/sigstore-js (npm cache in target/npm-cache, so a
 * second run needs no network), and run through core/src/test/node/verify.js.
 */
public final class SigstoreJs {

    private static final Path SOURCE = Path.of("src/test/node");
    private static final Path WORK = Path.of("target/sigstore-js");

    private SigstoreJs() {
    }

    /** Whether node and npm are installed. */
    public static boolean available() {
        return Cmd.onPath("node") && Cmd.onPath("npm");
    }

    /** Installs the pinned packages once per lockfile content; returns the script directory. */
    public static synchronized Path install() {
        try {
            Files.createDirectories(WORK);
            boolean fresh = Files.isDirectory(WORK.resolve("node_modules/@sigstore/verify"))
                    && Files.exists(WORK.resolve("package-lock.json"))
                    && Arrays.equals(Files.readAllBytes(WORK.resolve("package-lock.json")),
                            Files.readAllBytes(SOURCE.resolve("package-lock.json")));
            for (String f : new String[] {"package.json", "package-lock.json", "verify.js"}) {
                Files.copy(SOURCE.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!fresh) {
                Cmd.run(Map.of(), WORK, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund",
                        "--prefer-offline", "--cache", WORK.toAbsolutePath().getParent().resolve("npm-cache").toString());
            }
            return WORK;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs verify.js on a bundle; the result's output says VERIFIED or REJECTED and why. */
    public static Cmd.Result verify(Path publicKeyPem, Path bundle, Path artifact, String... extra) {
        Path dir = install();
        String[] cmd = artifact == null
                ? new String[] {"node", "verify.js", publicKeyPem.toAbsolutePath().toString(), bundle.toAbsolutePath().toString()}
                : new String[] {"node", "verify.js", publicKeyPem.toAbsolutePath().toString(),
                        bundle.toAbsolutePath().toString(), artifact.toAbsolutePath().toString()};
        String[] all = Arrays.copyOf(cmd, cmd.length + extra.length);
        System.arraycopy(extra, 0, all, cmd.length, extra.length);
        return Cmd.exec(Map.of(), dir, all);
    }
}
