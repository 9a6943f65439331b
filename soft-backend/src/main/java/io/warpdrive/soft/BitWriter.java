package io.warpdrive.soft;

/**
 * Bits and bytes into the pending buffer. DEFLATE packs bits LSB first; codes arrive already
 * bit-reversed, so every write is "OR the value in above the bits we have".
 *
 * <p>The accumulator is 64 bits wide and spills 32 bits at a time, where zlib's is 16 bits wide.
 * That changes nothing observable: output only leaves through {@link #flushBits} (called by
 * flush_pending) or {@link #windup}, and both leave exactly the whole bytes zlib would have
 * left in pending, with the same 0..7 bits still held.
 */
final class BitWriter {
    private BitWriter() {
    }

    /**
     * Appends {@code len} (1..16) bits. Callers keep hot loops on locals instead; this is for
     * headers and trees.
     */
    static void sendBits(DeflaterState s, int value, int len) {
        long buf = s.biBuf | ((long) value << s.biValid);
        int valid = s.biValid + len;
        if (valid >= 32) {
            putIntLE(s.pendingBuf, s.pending, (int) buf);
            s.pending += 4;
            buf >>>= 32;
            valid -= 32;
        }
        s.biBuf = buf;
        s.biValid = valid;
    }

    /** Moves the whole bytes of the accumulator to pending, keeping at most 7 bits. */
    static void flushBits(DeflaterState s) {
        long buf = s.biBuf;
        int valid = s.biValid;
        byte[] p = s.pendingBuf;
        int n = s.pending;
        while (valid >= 8) {
            p[n++] = (byte) buf;
            buf >>>= 8;
            valid -= 8;
        }
        s.pending = n;
        s.biBuf = buf;
        s.biValid = valid;
    }

    /** Flushes everything, padding the last byte with zero bits: the stream is byte aligned. */
    static void windup(DeflaterState s) {
        flushBits(s);
        if (s.biValid > 0) {
            s.pendingBuf[s.pending++] = (byte) s.biBuf;
        }
        s.biBuf = 0;
        s.biValid = 0;
    }

    static void putByte(DeflaterState s, int b) {
        s.pendingBuf[s.pending++] = (byte) b;
    }

    /** Two bytes LSB first (stored block lengths). Only valid when byte aligned. */
    static void putShortLSB(DeflaterState s, int w) {
        s.pendingBuf[s.pending++] = (byte) w;
        s.pendingBuf[s.pending++] = (byte) (w >>> 8);
    }

    /** Two bytes MSB first (zlib header and trailer). */
    static void putShortMSB(DeflaterState s, int w) {
        s.pendingBuf[s.pending++] = (byte) (w >>> 8);
        s.pendingBuf[s.pending++] = (byte) w;
    }

    static void putIntLE(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
