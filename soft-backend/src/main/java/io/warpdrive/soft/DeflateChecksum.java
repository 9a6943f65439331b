package io.warpdrive.soft;

import java.util.zip.Adler32;

/**
 * Adler-32 (RFC 1950) for the compressor's zlib wrapper. The bytes themselves go through the
 * JDK's {@link Adler32}, which HotSpot compiles to a vectorized intrinsic (several times the
 * speed of a scalar Java loop, which matters at level 1); since that class cannot continue from
 * a given checksum, each chunk's sum is computed from scratch and appended to the running one
 * with {@link #combine}.
 */
final class DeflateChecksum {
    private DeflateChecksum() {
    }

    private static final int BASE = 65521;

    /** Returns the Adler-32 of {@code b[off, off+len)} continued from {@code adler}. */
    static int update(DeflaterState s, int adler, byte[] b, int off, int len) {
        Adler32 a = s.checksum;
        a.reset();
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
}
