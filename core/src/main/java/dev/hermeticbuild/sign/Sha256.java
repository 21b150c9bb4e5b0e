package dev.hermeticbuild.sign;

import dev.hermeticbuild.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 as raw bytes, for signatures: files streamed through the engine's digest. */
public final class Sha256 {

    private Sha256() {
    }

    /**
     * The SHA-256 digest of the file's content; {@code what} names the file in errors. Streams
     * through the engine's digest ({@link dev.hermeticbuild.artifacts.Sha256}), one code path for
     * every file digest.
     */
    public static byte[] of(Path file, String what) {
        if (!Files.exists(file)) {
            throw new InputException(what + " " + file + ": no such file");
        }
        try {
            return java.util.HexFormat.of().parseHex(dev.hermeticbuild.artifacts.Sha256.ofFile(file));
        } catch (InputException e) {
            throw new InputException(what + " " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** A fresh SHA-256 MessageDigest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
