package io.warpdrive.soft;

/**
 * The caller's side of a deflate stream (zlib's z_stream): taking input (read_buf), handing out
 * pending output (flush_pending), and the direct copies stored blocks make. Input and output
 * are each either an array or a ByteBuffer accessed with absolute indexes, so the engine never
 * moves a buffer's position; the facade does that from the counts.
 */
final class DeflateStream {
    private DeflateStream() {
    }

    /** Size of the scratch array used to checksum bytes that go from a direct buffer to another. */
    private static final int SCRATCH_SIZE = 4096;

    /**
     * Moves up to {@code size} input bytes into {@code dst[off..]}, updating the Adler-32 (zlib
     * wrapper only) and the input counters. Returns the number of bytes moved.
     */
    static int readBuf(DeflaterState s, byte[] dst, int off, int size) {
        int len = Math.min(s.availIn, size);
        if (len == 0) {
            return 0;
        }
        s.availIn -= len;
        if (s.inArr != null) {
            System.arraycopy(s.inArr, s.nextIn, dst, off, len);
        } else {
            s.inBuf.get(s.nextIn, dst, off, len);
        }
        if (s.wrap == 1) {
            s.adler = Adler32Sum.update(s.adler, dst, off, len);
        }
        s.nextIn += len;
        s.totalIn += len;
        return len;
    }

    /** Moves {@code len} input bytes straight to the output (the body of a stored block). */
    static void readBufToOutput(DeflaterState s, int len) {
        s.availIn -= len;
        if (s.outArr != null) {
            if (s.inArr != null) {
                System.arraycopy(s.inArr, s.nextIn, s.outArr, s.nextOut, len);
            } else {
                s.inBuf.get(s.nextIn, s.outArr, s.nextOut, len);
            }
            if (s.wrap == 1) {
                s.adler = Adler32Sum.update(s.adler, s.outArr, s.nextOut, len);
            }
        } else if (s.inArr != null) {
            s.outBuf.put(s.nextOut, s.inArr, s.nextIn, len);
            if (s.wrap == 1) {
                s.adler = Adler32Sum.update(s.adler, s.inArr, s.nextIn, len);
            }
        } else {
            // Buffer to buffer: go through a small heap array, which the checksum needs anyway.
            if (s.scratch == null) {
                s.scratch = new byte[SCRATCH_SIZE];
            }
            byte[] t = s.scratch;
            for (int done = 0; done < len; ) {
                int n = Math.min(t.length, len - done);
                s.inBuf.get(s.nextIn + done, t, 0, n);
                s.outBuf.put(s.nextOut + done, t, 0, n);
                if (s.wrap == 1) {
                    s.adler = Adler32Sum.update(s.adler, t, 0, n);
                }
                done += n;
            }
        }
        s.nextIn += len;
        s.totalIn += len;
        s.nextOut += len;
        s.availOut -= len;
        s.totalOut += len;
    }

    /** Copies {@code len} bytes of {@code src} to the output and advances it. */
    static void writeOut(DeflaterState s, byte[] src, int off, int len) {
        if (s.outArr != null) {
            System.arraycopy(src, off, s.outArr, s.nextOut, len);
        } else {
            s.outBuf.put(s.nextOut, src, off, len);
        }
        s.nextOut += len;
        s.availOut -= len;
        s.totalOut += len;
    }

    /**
     * Hands out as much pending output as fits, after moving whole bytes out of the bit
     * accumulator. When pending empties, the next bytes are written from the buffer's start:
     * every writer into pending runs only while pending is empty (zlib's invariant: compression
     * starts with an empty pending buffer), so pendingOut is 0 whenever bytes are added.
     */
    static void flushPending(DeflaterState s) {
        BitWriter.flushBits(s);
        int len = Math.min(s.pending, s.availOut);
        if (len == 0) {
            return;
        }
        writeOut(s, s.pendingBuf, s.pendingOut, len);
        s.pendingOut += len;
        s.pending -= len;
        if (s.pending == 0) {
            s.pendingOut = 0;
        }
    }
}
