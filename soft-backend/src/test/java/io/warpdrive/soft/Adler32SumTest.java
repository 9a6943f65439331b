package io.warpdrive.soft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.Adler32;
import org.junit.jupiter.api.Test;

/**
 * Adler32Sum against java.util.zip.Adler32 (zlib's adler32): the public update, and each of its
 * two paths (the Java sum, the JDK's sum appended with combine) on its own at every length.
 */
class Adler32SumTest {

    @Test
    void matchesJdkForRandomRangesAndContinuations() {
        Random r = new Random(1);
        byte[] data = new byte[70_000];
        r.nextBytes(data);
        for (int trial = 0; trial < 2000; trial++) {
            int off = r.nextInt(100);
            int len = trial < 40 ? trial : r.nextInt(data.length - off);
            int split = len == 0 ? 0 : r.nextInt(len + 1);
            Adler32 jdk = new Adler32();
            jdk.update(data, off, len);
            int ours = Adler32Sum.update(1, data, off, split);
            ours = Adler32Sum.update(ours, data, off + split, len - split);
            assertEquals((int) jdk.getValue(), ours, "off " + off + " len " + len + " split " + split);
        }
    }

    @Test
    void worstCaseBytesNeverOverflowTheSums() {
        byte[] ff = new byte[1 << 20];
        Arrays.fill(ff, (byte) 0xff);
        Adler32 jdk = new Adler32();
        jdk.update(ff);
        assertEquals((int) jdk.getValue(), Adler32Sum.update(1, ff, 0, ff.length));
        Adler32 jdk2 = new Adler32();
        jdk2.update(ff, 3, 65_531);
        assertEquals((int) jdk2.getValue(), Adler32Sum.update(1, ff, 3, 65_531));
    }

    /** The JDK's checksum of data[0, end). */
    private static int jdk(byte[] data, int end) {
        Adler32 a = new Adler32();
        a.update(data, 0, end);
        return (int) a.getValue();
    }

    @Test
    void javaSumMatchesJdkAtEveryLengthFromAnyRunningValue() {
        Random r = new Random(2);
        byte[] data = new byte[80_000];
        r.nextBytes(data);
        for (int len = 0; len < 600; len++) {
            int cut = r.nextInt(5000);
            assertEquals(jdk(data, cut + len), Adler32Sum.sum(jdk(data, cut), data, cut, len), "len " + len);
        }
        // Past the reduction interval (NMAX), including all-0xff bytes, the largest sums.
        for (int len : new int[] {5551, 5552, 5553, 11_104, 70_000}) {
            assertEquals(jdk(data, 7 + len), Adler32Sum.sum(jdk(data, 7), data, 7, len), "len " + len);
        }
        byte[] ff = new byte[40_000];
        Arrays.fill(ff, (byte) 0xff);
        assertEquals(jdk(ff, ff.length), Adler32Sum.sum(jdk(ff, 13), ff, 13, ff.length - 13));
    }

    @Test
    void combineAppendsAnyChecksumToAnyOther() {
        Random r = new Random(3);
        byte[] data = new byte[200_000];
        r.nextBytes(data);
        Arrays.fill(data, 100_000, 200_000, (byte) 0xff);
        for (int trial = 0; trial < 500; trial++) {
            int cut = r.nextInt(150_000);
            int len = trial < 100 ? trial : r.nextInt(data.length - cut);
            Adler32 y = new Adler32();
            y.update(data, cut, len);
            assertEquals(jdk(data, cut + len), Adler32Sum.combine(jdk(data, cut), (int) y.getValue(), len),
                    "cut " + cut + " len " + len);
        }
    }

    @Test
    void updateAgreesAcrossThePathThreshold() {
        Random r = new Random(4);
        byte[] data = new byte[10_000];
        r.nextBytes(data);
        for (int len = Adler32Sum.INTRINSIC_MIN - 3; len <= Adler32Sum.INTRINSIC_MIN + 3; len++) {
            for (int k = 0; k < 50; k++) {
                int cut = r.nextInt(9000);
                assertEquals(jdk(data, cut + len), Adler32Sum.update(jdk(data, cut), data, cut, len), "len " + len);
            }
        }
    }
}
