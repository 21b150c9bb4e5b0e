package dev.hermeticbuild.rebuild;

import dev.hermeticbuild.InputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Removes the usual sources of non-reproducibility from archives, in place: zip/jar entries
 * sorted (the manifest first) with one fixed timestamp written timezone-independently and no
 * extra fields; tar entries sorted with a fixed mtime and owner 0:0 without names; gzip headers
 * without time or file name. Content is never changed. Work is in memory, so what an archive expands
 * to is bounded ({@link #MAX_CONTENT_BYTES}).
 */
public final class Normalizer {

    /** The earliest time a zip entry can hold: 1980-01-01. */
    static final long ZIP_EPOCH_MIN = 315532800L;
    /**
     * Most bytes an archive's content may expand to: normalizing works in memory, and a build's
     * output may be a compression bomb (a few hundred KB of gzip or zip that expand to gigabytes).
     */
    public static final long MAX_CONTENT_BYTES = 512L << 20;

    private Normalizer() {
    }

    /**
     * Normalizes {@code file}; returns whether its bytes changed. Files of other kinds are left alone;
     * an archive whose content expands past {@link #MAX_CONTENT_BYTES} is refused and left as it was.
     */
    public static boolean normalize(Path file, long epochSeconds) {
        return normalize(file, epochSeconds, MAX_CONTENT_BYTES);
    }

    static boolean normalize(Path file, long epochSeconds, long maxContentBytes) {
        try {
            byte[] before = Files.readAllBytes(file);
            byte[] after;
            if (ArtifactDiff.isZip(before)) {
                after = zip(file, epochSeconds, maxContentBytes);
            } else if (ArtifactDiff.isGzip(before)) {
                after = gzip(before, epochSeconds, maxContentBytes);
            } else if (ArtifactDiff.isTar(before)) {
                after = tar(before, epochSeconds);
            } else {
                return false;
            }
            if (Arrays.equals(before, after)) {
                return false;
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".normalizing");
            Files.write(tmp, after);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new InputException("cannot normalize " + file + ": " + e.getMessage(), e);
        }
    }

    /** Copies {@code in} to {@code out}, which already holds {@code written} bytes; past {@code max} in all, refuses. */
    private static long copy(InputStream in, OutputStream out, long written, long max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = written;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > max) {
                throw new IOException("its content expands past " + max + " bytes (a compression bomb, or an archive too large"
                        + " to normalize in memory); the file is left as it was");
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    static byte[] zip(Path file, long epochSeconds, long maxContentBytes) throws IOException {
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.max(epochSeconds, ZIP_EPOCH_MIN), 0, ZoneOffset.UTC);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long expanded = 0;
        try (ZipFile in = new ZipFile(file.toFile()); ZipOutputStream out = new ZipOutputStream(bytes)) {
            List<ZipEntry> entries = new ArrayList<>(in.stream().toList());
            entries.sort(Comparator.comparing((ZipEntry e) -> manifestRank(e.getName())).thenComparing(ZipEntry::getName));
            for (ZipEntry e : entries) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTimeLocal(time);
                copy.setMethod(e.isDirectory() ? ZipEntry.STORED : ZipEntry.DEFLATED);
                if (e.isDirectory()) {
                    copy.setSize(0);
                    copy.setCompressedSize(0);
                    copy.setCrc(0);
                }
                out.putNextEntry(copy);
                try (InputStream content = in.getInputStream(e)) {
                    expanded = copy(content, out, expanded, maxContentBytes);
                }
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** META-INF/ and the manifest stay first, as jar readers expect. */
    private static int manifestRank(String name) {
        return name.equals("META-INF/") ? 0 : name.equals("META-INF/MANIFEST.MF") ? 1 : 2;
    }

    static byte[] tar(byte[] data, long epochSeconds) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(data))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.add(e);
                contents.add(e.isFile() ? in.readAllBytes() : new byte[0]);
            }
        }
        Integer[] order = new Integer[entries.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> entries.get(i).getName()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (int i : order) {
                TarArchiveEntry e = entries.get(i);
                TarArchiveEntry copy = e.isSymbolicLink()
                        ? new TarArchiveEntry(e.getName(), TarArchiveEntry.LF_SYMLINK) : new TarArchiveEntry(e.getName());
                if (e.isSymbolicLink()) {
                    copy.setLinkName(e.getLinkName());
                }
                copy.setMode(e.getMode());
                copy.setModTime(epochSeconds * 1000);
                copy.setIds(0, 0);
                copy.setUserName("");
                copy.setGroupName("");
                copy.setSize(e.isFile() ? contents.get(i).length : 0);
                out.putArchiveEntry(copy);
                out.write(contents.get(i));
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data, long epochSeconds, long maxContentBytes) throws IOException {
        byte[] inner;
        try (InputStream in = new GzipCompressorInputStream(new ByteArrayInputStream(data))) {
            ByteArrayOutputStream gunzipped = new ByteArrayOutputStream();
            copy(in, gunzipped, 0, maxContentBytes);
            inner = gunzipped.toByteArray();
        }
        if (ArtifactDiff.isTar(inner)) {
            inner = tar(inner, epochSeconds);
        }
        GzipParameters parameters = new GzipParameters();
        parameters.setModificationTime(0);
        parameters.setCompressionLevel(9);
        parameters.setOperatingSystem(255);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GzipCompressorOutputStream(bytes, parameters)) {
            out.write(inner);
        }
        return bytes.toByteArray();
    }
}
