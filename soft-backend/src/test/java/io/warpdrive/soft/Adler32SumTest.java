package io.warpdrive.soft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.Adler32;
import org.junit.jupiter.api.Test;

/** Adler32Sum against java.util.zip.Adler32 (zlib's adler32). */
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
}
