package io.warpdrive.soft;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.Adler32;

/**
 * Adler-32 (RFC 1950), continued from a given value, which {@link Adler32} cannot do.
 *
 * <p>From {@link #INTRINSIC_MIN} bytes on, the bytes go through a fresh {@link Adler32}, which
 * C2 compiles to a vectorized intrinsic (and whose allocation it removes), and that sum is
 * appended to the running one with {@link #combine}. Shorter ranges, where the combine's
 * divisions would cost more than the sum, are summed here.
 *
 * <p>The Java sum takes eight bytes at a time, SWAR style: the even and the odd bytes of a
 * little-endian word are spread into four 16-bit lanes each; one multiply by
 * 0x0001000100010001 adds the lanes into the top lane, and a multiply by the lane weights
 * (8,6,4,2 for even bytes, 7,5,3,1 for odd ones) gives the weighted sum that s2 gains over those
 * 8 steps. No lane can carry into the next: the largest lane total is 255 * 20 = 5100. Sums are
 * reduced modulo 65521 every {@link #NMAX} bytes, the largest count for which the unreduced sums
 * stay below 2^32 (RFC 1950's bound); the sums are longs, so this is only to keep them small.
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

    /**
     * Length from which {@link #update} uses the JDK's intrinsic. Measured per call on JDK 17
     * and 25 (C2, x86-64 with AVX2): equal at 32 bytes, twice as fast at 64, four times from 256.
     */
    static final int INTRINSIC_MIN = 32;

    /** Returns the Adler-32 of {@code b[off, off+len)} continued from {@code adler}. */
    public static int update(int adler, byte[] b, int off, int len) {
        if (len < INTRINSIC_MIN) {
            return sum(adler, b, off, len);
        }
        Adler32 a = new Adler32();
        a.update(b, off, len);
        return combine(adler, (int) a.getValue(), len);
    }

    /**
     * The Adler-32 of X followed by Y from adler(X), adler(Y) and the length of Y. Starting from
     * (s1, s2) = (1, 0), Y adds sum(Y) to s1 and n * s1 + (its own s2 contribution) to s2, so
     * s1 = s1X + s1Y - 1 and s2 = s2X + s2Y + n (s1X - 1), all modulo 65521.
     */
    static int combine(int adlerX, int adlerY, long lenY) {
        long s1x = adlerX & 0xffff;
        long s2x = adlerX >>> 16;
        long s1y = adlerY & 0xffff;
        long s2y = adlerY >>> 16;
        long s1 = (s1x + s1y + BASE - 1) % BASE;
        long s2 = (s2x + s2y + (lenY % BASE) * ((s1x + BASE - 1) % BASE)) % BASE;
        return (int) (s2 << 16 | s1);
    }

    /** {@link #update} in Java, for any length. */
    static int sum(int adler, byte[] b, int off, int len) {
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
