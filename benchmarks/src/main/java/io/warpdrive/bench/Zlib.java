/*
 * Whole-buffer zlib helpers shared by the benchmarks: one-shot compression with
 * java.util.zip.Deflater, and an inflate loop that fills a preallocated output array in
 * windows of a chosen size and refuses to spin or overrun.
 */
package io.warpdrive.bench;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

final class Zlib {
    /** Consecutive zero-byte inflate() calls tolerated before we call the inflater stuck. */
    private static final int MAX_STALLS = 16;

    private Zlib() {}

    /** The zlib-wrapped (RFC 1950) java.util.zip compression of data at the given level, fed whole. */
    static byte[] deflate(byte[] data, int level) {
        Deflater d = new Deflater(level);
        try {
            d.setInput(data);
            d.finish();
            // zlib's deflateBound for the default settings is below n + n/4096 + n/16384 + 19;
            // the extra slack only avoids a regrow, correctness does not depend on it.
            long bound = (long) data.length + (data.length >>> 12) + (data.length >>> 14) + 64;
            byte[] buf = new byte[(int) Math.min(bound, Integer.MAX_VALUE - 16)];
            int len = 0;
            while (!d.finished()) {
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, Math.min(Integer.MAX_VALUE - 16, buf.length * 2));
                }
                len += d.deflate(buf, len, buf.length - len);
            }
            return Arrays.copyOf(buf, len);
        } finally {
            d.end();
        }
    }

    /**
     * Inflates all of {@code in} into {@code out} from offset 0, asking for at most {@code window}
     * bytes per inflate() call. The inflater must be fresh or reset.
     *
     * @return the number of bytes produced
     * @throws DataFormatException if the stream is corrupt
     * @throws IllegalStateException if the stream is truncated, wants a dictionary, produces more
     *         than out.length bytes, or the inflater stops making progress
     */
    static int inflate(Inflater inf, byte[] in, byte[] out, int window) throws DataFormatException {
        inf.setInput(in);
        int off = 0;
        int stalls = 0;
        while (!inf.finished()) {
            int n = inf.inflate(out, off, Math.min(window, out.length - off));
            off += n;
            if (n == 0 && !inf.finished()) {
                stalled(inf, off, out.length, ++stalls);
            } else {
                stalls = 0;
            }
        }
        return off;
    }

    /** Cold path: decide whether a zero-byte inflate() call is an error. */
    private static void stalled(Inflater inf, int off, int expected, int stalls) {
        if (inf.needsDictionary()) {
            throw new IllegalStateException("inflater asks for a preset dictionary after " + off + " bytes");
        }
        if (inf.needsInput()) {
            throw new IllegalStateException("stream ended early: inflater needs input after " + off + " of "
                    + expected + " bytes");
        }
        if (off == expected) {
            // Either the stream is longer than the original, or the inflater does not finish the
            // trailer on a zero-length output window (java.util.zip does).
            throw new IllegalStateException("inflater not finished after producing all " + expected
                    + " bytes: more output pending, or the adler32 trailer is not read with no output room");
        }
        if (stalls > MAX_STALLS) {
            throw new IllegalStateException("inflater makes no progress at output offset " + off + " ("
                    + stalls + " calls returned 0)");
        }
    }
}
