package dev.hermeticbuild.rebuild;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.hermeticbuild.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Explains how two versions of one output differ, so a user can fix the cause, not only see a
 * digest mismatch: zip/jar and tar archives entry by entry (names, order, timestamps,
 * permissions, owners, content, recursing into entries), gzip headers, text as a unified diff,
 * anything else by size and first differing byte. Each line names where the difference is.
 */
public final class ArtifactDiff {

    static final int MAX_DIFF_LINES = 40;
    static final int MAX_LINES = 200;
    static final long MAX_ENTRY_BYTES = 64L << 20;

    private ArtifactDiff() {
    }

    public static List<String> explain(String name, Path a, Path b) {
        try {
            List<String> out = new ArrayList<>();
            if (isZip(head(a)) && isZip(head(b))) {
                zip(name, a, b, out);
            } else if (Files.size(a) > MAX_ENTRY_BYTES || Files.size(b) > MAX_ENTRY_BYTES) {
                out.add(name + ": sizes " + Files.size(a) + " vs " + Files.size(b) + " bytes (too large to compare in detail)");
            } else {
                bytes(name, Files.readAllBytes(a), Files.readAllBytes(b), a, b, out);
            }
            if (out.isEmpty()) {
                out.add(name + ": differs only in what this comparison does not show (e.g. zip central directory or padding)");
            }
            return out.size() > MAX_LINES ? cap(out) : out;
        } catch (IOException e) {
            throw new InputException("cannot compare " + a + " with " + b + ": " + e.getMessage(), e);
        }
    }

    private static void bytes(String name, byte[] a, byte[] b, Path fileA, Path fileB, List<String> out) throws IOException {
        if (Arrays.equals(a, b)) {
            return;
        }
        if (isZip(a) && isZip(b)) {
            if (fileA != null) {
                zip(name, fileA, fileB, out);
            } else {
                Path ta = Files.createTempFile("hermetic-diff-", ".zip");
                Path tb = Files.createTempFile("hermetic-diff-", ".zip");
                try {
                    Files.write(ta, a);
                    Files.write(tb, b);
                    zip(name, ta, tb, out);
                } finally {
                    Files.deleteIfExists(ta);
                    Files.deleteIfExists(tb);
                }
            }
        } else if (isGzip(a) && isGzip(b)) {
            gzip(name, a, b, out);
        } else if (isTar(a) && isTar(b)) {
            tar(name, a, b, out);
        } else if (text(a) != null && text(b) != null) {
            text(name, text(a), text(b), out);
        } else {
            int i = 0;
            while (i < Math.min(a.length, b.length) && a[i] == b[i]) {
                i++;
            }
            out.add(name + ": binary content differs" + (a.length != b.length ? " (sizes " + a.length + " vs " + b.length + " bytes)" : "")
                    + ", first at byte offset " + i);
        }
    }

    private static void zip(String name, Path a, Path b, List<String> out) throws IOException {
        try (ZipFile za = ZipFile.builder().setPath(a).get(); ZipFile zb = ZipFile.builder().setPath(b).get()) {
            Map<String, ZipArchiveEntry> ea = entries(za);
            Map<String, ZipArchiveEntry> eb = entries(zb);
            namesAndOrder(name, "zip", List.copyOf(ea.keySet()), List.copyOf(eb.keySet()), out);
            for (String entry : ea.keySet()) {
                ZipArchiveEntry x = ea.get(entry);
                ZipArchiveEntry y = eb.get(entry);
                if (y == null) {
                    continue;
                }
                String where = name + "!" + entry;
                if (x.getTime() != y.getTime()) {
                    out.add(where + ": timestamp " + Instant.ofEpochMilli(x.getTime()) + " vs " + Instant.ofEpochMilli(y.getTime()));
                }
                if (x.getUnixMode() != y.getUnixMode()) {
                    out.add(where + ": permissions " + Integer.toOctalString(x.getUnixMode()) + " vs " + Integer.toOctalString(y.getUnixMode()));
                }
                if (!Arrays.equals(x.getExtra(), y.getExtra())) {
                    out.add(where + ": extra fields differ (e.g. extended timestamps or owner ids)");
                }
                if (x.getCrc() == y.getCrc() && x.getSize() == y.getSize() && x.getCrc() != -1) {
                    continue; // same CRC-32 and size: content taken as equal (this explains; the digest decides)
                }
                if (x.getSize() > MAX_ENTRY_BYTES || y.getSize() > MAX_ENTRY_BYTES) {
                    out.add(where + ": content differs (CRC " + Long.toHexString(x.getCrc()) + " vs " + Long.toHexString(y.getCrc()) + ")");
                    continue;
                }
                byte[] cx = read(za.getInputStream(x));
                byte[] cy = read(zb.getInputStream(y));
                bytes(where, cx, cy, null, null, out);
            }
        }
    }

    private static Map<String, ZipArchiveEntry> entries(ZipFile zip) {
        Map<String, ZipArchiveEntry> result = new LinkedHashMap<>();
        var physical = zip.getEntriesInPhysicalOrder();
        while (physical.hasMoreElements()) {
            ZipArchiveEntry e = physical.nextElement();
            result.put(e.getName(), e);
        }
        return result;
    }

    private static void gzip(String name, byte[] a, byte[] b, List<String> out) throws IOException {
        long mtimeA = Integer.toUnsignedLong(ByteBuffer.wrap(a, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
        long mtimeB = Integer.toUnsignedLong(ByteBuffer.wrap(b, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
        if (mtimeA != mtimeB) {
            out.add(name + ": gzip header time " + Instant.ofEpochSecond(mtimeA) + " vs " + Instant.ofEpochSecond(mtimeB));
        }
        if ((a[3] & 0x08) != (b[3] & 0x08)) {
            out.add(name + ": gzip header file name present in one only");
        }
        if (a[9] != b[9]) {
            out.add(name + ": gzip header OS byte " + a[9] + " vs " + b[9]);
        }
        byte[] ia = read(new GzipCompressorInputStream(new ByteArrayInputStream(a)));
        byte[] ib = read(new GzipCompressorInputStream(new ByteArrayInputStream(b)));
        bytes(name + "!(gunzipped)", ia, ib, null, null, out);
    }

    private static void tar(String name, byte[] a, byte[] b, List<String> out) throws IOException {
        Map<String, TarArchiveEntry> ea = new LinkedHashMap<>();
        Map<String, byte[]> ca = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> eb = new LinkedHashMap<>();
        Map<String, byte[]> cb = new LinkedHashMap<>();
        readTar(a, ea, ca);
        readTar(b, eb, cb);
        namesAndOrder(name, "tar", List.copyOf(ea.keySet()), List.copyOf(eb.keySet()), out);
        for (String entry : ea.keySet()) {
            TarArchiveEntry x = ea.get(entry);
            TarArchiveEntry y = eb.get(entry);
            if (y == null) {
                continue;
            }
            String where = name + "!" + entry;
            if (!Objects.equals(x.getModTime(), y.getModTime())) {
                out.add(where + ": mtime " + x.getModTime().toInstant() + " vs " + y.getModTime().toInstant());
            }
            if (x.getMode() != y.getMode()) {
                out.add(where + ": mode " + Integer.toOctalString(x.getMode()) + " vs " + Integer.toOctalString(y.getMode()));
            }
            if (x.getLongUserId() != y.getLongUserId() || x.getLongGroupId() != y.getLongGroupId()
                    || !x.getUserName().equals(y.getUserName()) || !x.getGroupName().equals(y.getGroupName())) {
                out.add(where + ": owner " + x.getUserName() + "(" + x.getLongUserId() + "):" + x.getGroupName() + "(" + x.getLongGroupId()
                        + ") vs " + y.getUserName() + "(" + y.getLongUserId() + "):" + y.getGroupName() + "(" + y.getLongGroupId() + ")");
            }
            bytes(where, ca.get(entry), cb.get(entry), null, null, out);
        }
    }

    private static void readTar(byte[] data, Map<String, TarArchiveEntry> entries, Map<String, byte[]> contents) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(data))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), e);
                contents.put(e.getName(), e.isFile() ? read(in) : new byte[0]);
            }
        }
    }

    private static void namesAndOrder(String name, String kind, List<String> a, List<String> b, List<String> out) {
        List<String> onlyA = a.stream().filter(n -> !b.contains(n)).toList();
        List<String> onlyB = b.stream().filter(n -> !a.contains(n)).toList();
        if (!onlyA.isEmpty()) {
            out.add(name + ": " + kind + " entries only in the first build: " + onlyA);
        }
        if (!onlyB.isEmpty()) {
            out.add(name + ": " + kind + " entries only in the second build: " + onlyB);
        }
        List<String> commonA = a.stream().filter(b::contains).toList();
        List<String> commonB = b.stream().filter(a::contains).toList();
        if (!commonA.equals(commonB)) {
            out.add(name + ": " + kind + " entry order differs: " + abbreviate(commonA) + " vs " + abbreviate(commonB));
        }
    }

    private static void text(String name, String a, String b, List<String> out) {
        List<String> la = Arrays.asList(a.split("\n", -1));
        List<String> lb = Arrays.asList(b.split("\n", -1));
        var patch = DiffUtils.diff(la, lb);
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(name + " (first build)", name + " (second build)", la, patch, 1);
        out.add(name + ": text differs in " + patch.getDeltas().size() + " place(s):");
        unified.stream().limit(MAX_DIFF_LINES).map(l -> "    " + l).forEach(out::add);
        if (unified.size() > MAX_DIFF_LINES) {
            out.add("    ... " + (unified.size() - MAX_DIFF_LINES) + " more diff lines");
        }
    }

    /** The bytes as text if they are valid UTF-8 without NUL bytes, else null. */
    static String text(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static boolean isZip(byte[] b) {
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    static boolean isGzip(byte[] b) {
        return b.length >= 10 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    static boolean isTar(byte[] b) {
        return b.length >= 512 && new String(b, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    private static byte[] head(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(512);
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        return in.readNBytes((int) MAX_ENTRY_BYTES);
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 8 ? names.toString() : names.subList(0, 8) + " ...";
    }

    private static List<String> cap(List<String> lines) {
        List<String> capped = new ArrayList<>(lines.subList(0, MAX_LINES));
        capped.add("... " + (lines.size() - MAX_LINES) + " more differences");
        return capped;
    }
}
