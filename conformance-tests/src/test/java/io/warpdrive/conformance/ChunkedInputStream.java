/* An InputStream over a byte array that returns at most the next scheduled chunk per read. */
package io.warpdrive.conformance;

import java.io.InputStream;
import java.util.List;

/** Trickles bytes in scheduled chunk sizes (cycled; 0 = everything left), like a slow socket. */
final class ChunkedInputStream extends InputStream {
    private final byte[] data;
    private final List<Integer> chunks;
    private int pos;
    private int reads;

    ChunkedInputStream(byte[] data, List<Integer> chunks) {
        this.data = data;
        this.chunks = chunks;
    }

    @Override
    public int read() {
        return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (pos >= data.length) {
            return -1;
        }
        int chunk = chunks.get(reads++ % chunks.size());
        int n = Math.min(len, data.length - pos);
        if (chunk > 0) {
            n = Math.min(n, chunk);
        }
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return data.length - pos;
    }
}
