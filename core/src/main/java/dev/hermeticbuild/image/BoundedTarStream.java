package dev.hermeticbuild.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The bytes under a {@link TarArchiveInputStream}, read through {@link #next}: each step to the next
 * entry may read the rest of the current entry and at most {@link #HEADER_BYTES} of headers.
 * commons-compress reads a PAX header or a GNU long name into memory whole, whatever its declared
 * size, so a 600 KB gzip layer holding a 600 MB file name exhausted the heap; here it fails
 * with an {@link IOException} that says so. Optionally all that is read is bounded too.
 */
final class BoundedTarStream extends FilterInputStream {

    /** Most header bytes (PAX records, GNU long names) before one entry; a Linux path is at most 4096 bytes. */
    static final long HEADER_BYTES = 1024 * 1024;

    private final long totalLimit;
    private long position;
    private long ceiling;
    private long dataEnd;

    /** {@code in}, of which at most {@code totalLimit} bytes are read in all. */
    BoundedTarStream(InputStream in, long totalLimit) {
        super(in);
        this.totalLimit = totalLimit;
    }

    /** The next entry of {@code tar} (which reads this stream), or null at the end; its content may then be read. */
    TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
        ceiling = limited(Math.max(position, dataEnd) + HEADER_BYTES);
        TarArchiveEntry entry = tar.getNextEntry();
        if (entry != null) {
            long size = Math.max(0, entry.getSize());
            dataEnd = position + (size + 511) / 512 * 512;
            ceiling = limited(dataEnd);
        }
        return entry;
    }

    private long limited(long wanted) {
        return wanted < 0 ? totalLimit : Math.min(totalLimit, wanted);
    }

    private long room(long wanted) throws IOException {
        long room = ceiling - position;
        if (wanted > 0 && room <= 0) {
            throw new IOException(position >= totalLimit ? "it expands past " + totalLimit + " bytes"
                    : "an entry's headers (PAX records or a GNU long name) are over " + HEADER_BYTES
                            + " bytes; no file name is that long");
        }
        return Math.min(wanted, room);
    }

    @Override
    public int read() throws IOException {
        room(1);
        int b = in.read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n = in.read(buffer, offset, (int) room(length));
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        long skipped = in.skip(room(n));
        position += skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int limit) {
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
