package dev.hermeticbuild.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

class BoundedTarStreamTest {

    /** A tar of {@code names}, each a file of {@code size} bytes, long names written as GNU long-name entries. */
    private static byte[] tar(int size, String... names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            for (String name : names) {
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(size);
                tar.putArchiveEntry(entry);
                tar.write(new byte[size]);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void entriesAndTheirContentReadAsWithoutIt() throws Exception {
        BoundedTarStream in = new BoundedTarStream(new ByteArrayInputStream(tar(700_000, "a", "b".repeat(300), "c")), Long.MAX_VALUE);
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        assertEquals("a", in.next(tar).getName());
        assertEquals(700_000, tar.readAllBytes().length);
        assertEquals("b".repeat(300), in.next(tar).getName(), "its content is skipped, not read");
        assertEquals("c", in.next(tar).getName());
        assertEquals(700_000, tar.readAllBytes().length);
        assertNull(in.next(tar));
    }

    /**
     * A tar of one file {@code first} (null: none), then a file named by a GNU long-name entry of
     * {@code nameBytes} (written by hand: commons-compress's own writer is quadratic in it).
     */
    static byte[] withLongName(String first, int nameBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (first != null) {
            bytes.write(tar(1, first), 0, 1024); // its header and its one record of content, without the end of the archive
        }
        TarArchiveEntry longLink = new TarArchiveEntry(TarConstants.GNU_LONGLINK, TarConstants.LF_GNUTYPE_LONGNAME);
        longLink.setSize(nameBytes + 1);
        byte[] header = new byte[512];
        longLink.writeEntryHeader(header);
        bytes.write(header);
        bytes.write("d".repeat(nameBytes).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        bytes.write(new byte[512 - nameBytes % 512]);
        TarArchiveEntry named = new TarArchiveEntry("d");
        named.setSize(0);
        named.writeEntryHeader(header);
        bytes.write(header);
        bytes.write(new byte[1024]);
        return bytes.toByteArray();
    }

    @Test
    void aGnuLongNameOverTheBoundIsRefusedNotRead() throws Exception {
        BoundedTarStream within = new BoundedTarStream(new ByteArrayInputStream(withLongName("a", 100_000)), Long.MAX_VALUE);
        TarArchiveInputStream read = new TarArchiveInputStream(within);
        assertEquals("a", within.next(read).getName());
        assertEquals("d".repeat(100_000), within.next(read).getName(), "a long name under the bound reads as it is");

        BoundedTarStream in = new BoundedTarStream(new ByteArrayInputStream(withLongName("a", (int) BoundedTarStream.HEADER_BYTES + 1)),
                Long.MAX_VALUE);
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        assertEquals("a", in.next(tar).getName());
        IOException refused = assertThrows(IOException.class, () -> in.next(tar));
        assertEquals("an entry's headers (PAX records or a GNU long name) are over 1048576 bytes; no file name is that long",
                refused.getMessage());
    }

    @Test
    void theTotalBoundCountsSkippedContentToo() throws Exception {
        BoundedTarStream in = new BoundedTarStream(new ByteArrayInputStream(tar(10_000, "a", "b")), 8_192);
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        assertEquals("a", in.next(tar).getName());
        IOException refused = assertThrows(IOException.class, () -> tar.readAllBytes());
        assertEquals("it expands past 8192 bytes", refused.getMessage());
    }
}
