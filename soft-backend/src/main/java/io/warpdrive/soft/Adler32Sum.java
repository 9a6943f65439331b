package io.warpdrive.soft;

/**
 * Adler-32 (RFC 1950) in Java. The JDK's {@code java.util.zip.Adler32} is a JNI call per update,
 * which costs more than the sum itself for the short updates an inflater makes per call.
 *
 * <p>Sums are reduced modulo 65521 only every {@link #NMAX} bytes: NMAX is the largest n for which
 * 255 n (n + 1) / 2 + (n + 1)(BASE - 1) still fits in 32 unsigned bits, so s2 cannot overflow a
 * Java {@code int} treated as unsigned in between (we keep the sums in longs anyway).
 */
public final class Adler32Sum {
    private static final int BASE = 65521;
    private static final int NMAX = 5552;

    private Adler32Sum() {
    }

    /** Returns the Adler-32 of {@code b[off, off+len)} continued from {@code adler}. */
    public static int update(int adler, byte[] b, int off, int len) {
        long s1 = adler & 0xffff;
        long s2 = (adler >>> 16) & 0xffff;
        int p = off;
        int end = off + len;
        while (p < end) {
            int n = Math.min(NMAX, end - p);
            int stop = p + n;
            // Unrolled by 8: the sums only grow, no reduction is needed inside one NMAX block.
            int stop8 = p + (n & ~7);
            while (p < stop8) {
                s1 += b[p] & 0xff; s2 += s1;
                s1 += b[p + 1] & 0xff; s2 += s1;
                s1 += b[p + 2] & 0xff; s2 += s1;
                s1 += b[p + 3] & 0xff; s2 += s1;
                s1 += b[p + 4] & 0xff; s2 += s1;
                s1 += b[p + 5] & 0xff; s2 += s1;
                s1 += b[p + 6] & 0xff; s2 += s1;
                s1 += b[p + 7] & 0xff; s2 += s1;
                p += 8;
            }
            while (p < stop) {
                s1 += b[p++] & 0xff;
                s2 += s1;
            }
            s1 %= BASE;
            s2 %= BASE;
        }
        return (int) ((s2 << 16) | s1);
    }
}
