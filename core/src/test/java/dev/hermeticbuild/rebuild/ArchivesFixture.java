package dev.hermeticbuild.rebuild;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small real archives with chosen metadata, for the diff and normalize tests. */
final class ArchivesFixture {

    private ArchivesFixture() {
    }

    /** A zip with entries name=content, in this order, all with the given time. */
    static Path zip(Path file, long epochMillis, String... nameContent) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String nc : nameContent) {
                String[] p = nc.split("=", 2);
                ZipEntry e = new ZipEntry(p[0]);
                e.setTime(epochMillis);
                out.putNextEntry(e);
                out.write(p[1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return file;
    }

    static byte[] tar(long epochSeconds, int uid, String owner, String... nameContent) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            for (String nc : nameContent) {
                String[] p = nc.split("=", 2);
                byte[] content = p[1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(p[0]);
                e.setSize(content.length);
                e.setModTime(epochSeconds * 1000);
                e.setIds(uid, uid);
                e.setUserName(owner);
                e.setGroupName(owner);
                e.setMode(0100644);
                out.putArchiveEntry(e);
                out.write(content);
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** gzip with the JDK's writer, whose header holds no time: patched to the given mtime. */
    static byte[] gzip(byte[] content, int mtime) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        byte[] b = bytes.toByteArray();
        b[4] = (byte) mtime;
        b[5] = (byte) (mtime >> 8);
        b[6] = (byte) (mtime >> 16);
        b[7] = (byte) (mtime >> 24);
        return b;
    }
}
