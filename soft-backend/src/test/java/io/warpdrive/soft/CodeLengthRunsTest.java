package io.warpdrive.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A dynamic block's header codes the literal and distance code lengths with runs (code 16:
 * repeat the previous length 3-6 times; 17 and 18: 3-10 and 11-138 zeros). BlockWriter codes
 * whole runs between the used symbols instead of scanning every length as zlib does; these
 * inputs put runs of every length and gaps across each piece boundary (3, 4, 7, 10, 11, 138,
 * 139, 276, 277) into the header, and java.util.zip must produce the same bytes.
 *
 * <p>With HUFFMAN_ONLY a block's literal counts are the input's byte counts, so a chosen
 * histogram gives chosen lengths: symbols with equal counts in a row mostly get equal lengths.
 */
class CodeLengthRunsTest {

    @Test
    void gapsAcrossPieceBoundariesMatchJdk() {
        int[] gaps = {0, 1, 2, 3, 4, 9, 10, 11, 12, 137, 138, 139, 140, 253, 254};
        for (int gap : gaps) {
            for (int first : new int[] {0, 1, 2, 3, 11, 138, 139}) {
                int second = first + gap + 1;
                if (second > 255) {
                    continue;
                }
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                for (int i = 0; i < 40; i++) {
                    b.write(first);
                    b.write(second);
                    b.write(i % 3 == 0 ? second : first);
                }
                assertSameAsJdk(b.toByteArray(), "symbols " + first + " and " + second);
            }
        }
    }

    @Test
    void runsOfEqualCountsMatchJdk() {
        for (int run = 1; run <= 40; run++) {
            for (int start : new int[] {0, 5, 97, 250 - run}) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                for (int copy = 0; copy < 4; copy++) {
                    for (int s = start; s < start + run; s++) {
                        b.write(s);
                    }
                }
                b.write(255); // a rarer symbol after the run
                assertSameAsJdk(b.toByteArray(), "run of " + run + " from " + start);
            }
        }
    }

    @Test
    void randomHistogramsMatchJdk() {
        SplittableRandom r = new SplittableRandom(0x5eed);
        for (int trial = 0; trial < 300; trial++) {
            assertSameAsJdk(histogram(r), "trial " + trial);
        }
    }

    /** Blocks of neighbouring symbols with one count each, separated by gaps short and long. */
    private static byte[] histogram(SplittableRandom r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int sym = r.nextInt(0, 20);
        while (sym < 256) {
            int block = r.nextInt(1, 24);
            int count = r.nextInt(1, 9);
            boolean even = r.nextInt(4) != 0;
            for (int s = sym; s < Math.min(sym + block, 256); s++) {
                int n = even ? count : r.nextInt(1, 9);
                for (int i = 0; i < n; i++) {
                    b.write(s);
                }
            }
            sym += block + (r.nextInt(5) == 0 ? r.nextInt(100, 300) : r.nextInt(0, 14));
        }
        byte[] data = b.toByteArray();
        // Shuffled, so the default strategy's matches are few and their lengths vary.
        return DeflateTestData.shuffle(data, r);
    }

    private static void assertSameAsJdk(byte[] data, String what) {
        for (int strategy : new int[] {SoftDeflater.HUFFMAN_ONLY, SoftDeflater.DEFAULT_STRATEGY}) {
            for (int level : new int[] {1, 6}) {
                assertArrayEquals(DeflateTestData.jdk(data, level, strategy, true),
                        DeflateTestData.soft(data, level, strategy, true),
                        what + ", level " + level + ", strategy " + strategy);
            }
        }
    }
}
