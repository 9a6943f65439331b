package io.warpdrive.soft;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * Blocks of a few symbols to a few hundred, where the block writer's shortcuts for small blocks
 * live (leaves collected past unused groups of 8, codes and run-length coding over the used
 * symbols only, the small-block emitter below PACK_MIN_SYMBOLS): every message size from 0 to
 * 320 bytes in six shapes (JSON-like, random, small alphabet, text, all 256 byte values, one
 * repeated byte) at levels 1, 4, 6 and 9 under DEFAULT, FILTERED and HUFFMAN_ONLY, and small
 * blocks cut from a long stream by SYNC_FLUSH, whose matches reach back across earlier blocks
 * (far distance codes). The oracle is java.util.zip's output for the same input and calls.
 */
class DeflateSmallBlocksTest {

    @Test
    void everySmallMessageSizeMatchesJdk() {
        SplittableRandom r = new SplittableRandom(11);
        for (int n = 0; n <= 320; n++) {
            byte[][] shapes = {
                DeflateTestData.json(r, n),
                DeflateTestData.random(r, n),
                DeflateTestData.smallAlphabet(r, n),
                DeflateTestData.text(r, n),
                allLiteralValues(n),
                same(n),
            };
            for (int k = 0; k < shapes.length; k++) {
                for (int level : new int[] {1, 4, 6, 9}) {
                    for (int strategy = 0; strategy <= 2; strategy++) {
                        byte[] want = DeflateTestData.jdk(shapes[k], level, strategy, false);
                        byte[] got = DeflateTestData.soft(shapes[k], level, strategy, false);
                        if (!Arrays.equals(want, got)) {
                            throw new AssertionError("shape " + k + ", " + n + " bytes, level " + level + " strategy "
                                    + strategy + ": differs at " + Arrays.mismatch(want, got));
                        }
                    }
                }
            }
        }
    }

    @Test
    void syncFlushedSmallBlocksOfALongStreamMatchJdk() {
        SplittableRandom r = new SplittableRandom(12);
        for (int level : new int[] {1, 6, 9}) {
            for (int round = 0; round < 4; round++) {
                byte[] in = round % 2 == 0 ? DeflateTestData.text(r, 40_000) : DeflateTestData.json(r, 40_000);
                long cutSeed = r.nextLong();
                byte[] want = jdkFlushed(in, level, new SplittableRandom(cutSeed));
                byte[] got = softFlushed(in, level, new SplittableRandom(cutSeed));
                if (!Arrays.equals(want, got)) {
                    throw new AssertionError("level " + level + " round " + round + ": differs at "
                            + Arrays.mismatch(want, got) + " of " + want.length);
                }
            }
        }
    }

    /** n bytes cycling through all 256 values: a literal alphabet used in full. */
    private static byte[] allLiteralValues(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 167);
        }
        return b;
    }

    /** n copies of one byte: one literal, then matches (or a single symbol at n = 1). */
    private static byte[] same(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    /** Feeds the input in pieces of 1 to 300 bytes, each followed by a SYNC_FLUSH; then finishes. */
    private static byte[] jdkFlushed(byte[] in, int level, SplittableRandom cuts) {
        Deflater d = new Deflater(level);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        try {
            for (int at = 0; at < in.length;) {
                int len = Math.min(in.length - at, cuts.nextInt(1, 301));
                d.setInput(in, at, len);
                at += len;
                int n;
                do {
                    n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                    out.write(buf, 0, n);
                } while (n == buf.length);
            }
            d.finish();
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** {@link #jdkFlushed} with SoftDeflater. */
    private static byte[] softFlushed(byte[] in, int level, SplittableRandom cuts) {
        SoftDeflater d = new SoftDeflater(level, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        try {
            for (int at = 0; at < in.length;) {
                int len = Math.min(in.length - at, cuts.nextInt(1, 301));
                d.setInput(in, at, len);
                at += len;
                int n;
                do {
                    d.deflate(buf, 0, buf.length, SoftDeflater.SYNC_FLUSH);
                    n = buf.length - d.getAvailOut();
                    out.write(buf, 0, n);
                } while (n == buf.length);
            }
            int status;
            do {
                status = d.deflate(buf, 0, buf.length, SoftDeflater.FINISH);
                out.write(buf, 0, buf.length - d.getAvailOut());
            } while (status == SoftDeflater.OK);
            if (status != SoftDeflater.STREAM_END) {
                throw new AssertionError("finish returned " + status);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }
}
