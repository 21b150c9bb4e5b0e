package dev.hermeticbuild.digest;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one SHA-256 of the engine: files, streams and bytes, streamed (a file is never read whole
 * into memory), as lower-case hex for subjects and records or as raw bytes for signatures.
 */
public final class Sha256 {

    /** Large enough to amortise the per-call cost of the digest intrinsic; allocated once per call. */
    private static final int CHUNK = 1 << 20;

    private Sha256() {
    }

    public static String ofFile(Path file) {
        return copyAndDigest(file, null);
    }

    /**
     * The digest of the file's content as 32 raw bytes (what a signature covers); {@code what}
     * names the file in errors.
     */
    public static byte[] bytesOfFile(Path file, String what) {
        if (!Files.exists(file)) {
            throw new InputException(what + " " + file + ": no such file");
        }
        try {
            return HexFormat.of().parseHex(ofFile(file));
        } catch (InputException e) {
            throw new InputException(what + " " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    public static String ofBytes(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /** Digests a stream to its end (a file read from another machine, say); {@code what} names it in errors. */
    public static String ofStream(java.io.InputStream in, String what) {
        MessageDigest md = newDigest();
        byte[] buf = new byte[64 * 1024];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new InputException("cannot read " + what + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Digests {@code file} and, when {@code sink} is not null, writes the same bytes to it in one pass. */
    public static String copyAndDigest(Path file, OutputStream sink) {
        MessageDigest md = newDigest();
        ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
        byte[] heap = sink == null ? null : new byte[CHUNK];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                if (sink != null) {
                    int n = buffer.remaining();
                    buffer.mark();
                    buffer.get(heap, 0, n);
                    sink.write(heap, 0, n);
                    buffer.reset();
                }
                md.update(buffer);
                buffer.clear();
            }
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** A fresh SHA-256 MessageDigest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
