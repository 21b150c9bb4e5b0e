package dev.hermeticbuild.sign;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of a file, streamed (constant memory whatever the file's size). */
public final class Sha256 {

    private Sha256() {
    }

    /** The SHA-256 digest of the file's content; {@code what} names the file in errors. */
    public static byte[] of(Path file, String what) {
        MessageDigest md = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        } catch (NoSuchFileException e) {
            throw new InputException(what + " " + file + ": no such file");
        } catch (IOException e) {
            throw new InputException(what + " " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return md.digest();
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
