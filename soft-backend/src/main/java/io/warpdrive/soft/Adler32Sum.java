package io.warpdrive.soft;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Adler-32 (RFC 1950) in Java. The JDK's {@code java.util.zip.Adler32} is a JNI call per update,
 * which costs more than the sum itself for the short updates an inflater makes per call.
 *
 * <p>Eight bytes at a time, SWAR style: the even and the odd bytes of a little-endian word are
 * spread into four 16-bit lanes each; one multiply by 0x0001000100010001 adds the lanes into the
 * top lane, and a multiply by the lane weights (8,6,4,2 for even bytes, 7,5,3,1 for odd ones)
 * gives the weighted sum that s2 gains over those 8 steps. No lane can carry into the next: the
 * largest lane total is 255 * 20 = 5100. Sums are reduced modulo 65521 every {@link #NMAX}
 * bytes, the largest count for which the unreduced sums stay below 2^32 (RFC 1950's bound); the
 * sums are longs, so this is only to keep them small.
 */
public final class Adler32Sum {
    private static final int BASE = 65521;
    private static final int NMAX = 5552;
    private static final long LANES = 0x00ff00ff00ff00ffL;
    private static final long ONES = 0x0001000100010001L;
    private static final long EVEN_WEIGHTS = 0x0008000600040002L;
    private static final long ODD_WEIGHTS = 0x0007000500030001L;
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Adler32Sum() {
    }

    /** Returns the Adler-32 of {@code b[off, off+len)} continued from {@code adler}. */
    public static int update(int adler, byte[] b, int off, int len) {
        long s1 = adler & 0xffff;
        long s2 = (adler >>> 16) & 0xffff;
        int p = off;
        final int end = off + len;
        while (p < end) {
            int n = Math.min(NMAX, end - p);
            int stop = p + n;
            int stop8 = p + (n & ~7);
            while (p < stop8) {
                long w = (long) LONG_LE.get(b, p);
                long even = w & LANES;
                long odd = (w >>> 8) & LANES;
                s2 += (s1 << 3) + ((even * EVEN_WEIGHTS) >>> 48) + ((odd * ODD_WEIGHTS) >>> 48);
                s1 += ((even + odd) * ONES) >>> 48;
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
