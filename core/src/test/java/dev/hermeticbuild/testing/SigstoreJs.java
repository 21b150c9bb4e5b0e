package dev.hermeticbuild.testing;

import java.nio.file.Path;
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
        return NpmPackages.available();
    }

    /** Installs the pinned packages once per lockfile content; returns the script directory. */
    public static Path install() {
        return NpmPackages.install(SOURCE, WORK, "node_modules/@sigstore/verify", "package.json", "package-lock.json", "verify.js");
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
