package io.warpdrive.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Huffman trees deeper than DEFLATE allows (15 bits, 7 for the code-length code) are cut and
 * repaired by zlib's own procedure, which hands the lengths out again in the order the heap
 * produced the nodes; any other repair gives other (equally valid) lengths and other bytes.
 * Counts that follow the Fibonacci numbers give the deepest tree for their total: each merge
 * takes the last subtree and the next symbol, so n symbols plus the end-of-block code make a
 * tree n deep, and 16 or more overflow.
 */
class LengthLimitTest {

    @Test
    void fibonacciCountsAreCutAsZlibCutsThem() {
        SplittableRandom r = new SplittableRandom(17);
        for (int symbols = 16; symbols <= 20; symbols++) {
            for (int offset : new int[] {0, 40, 200}) {
                byte[] data = fibonacci(symbols, offset, r);
                for (int level : new int[] {1, 6, 9}) {
                    for (int strategy : new int[] {SoftDeflater.HUFFMAN_ONLY, SoftDeflater.DEFAULT_STRATEGY}) {
                        assertArrayEquals(DeflateTestData.jdk(data, level, strategy, true),
                                DeflateTestData.soft(data, level, strategy, true),
                                symbols + " symbols from " + offset + ", level " + level + ", strategy " + strategy);
                    }
                }
            }
        }
    }

    /**
     * Symbols offset..offset+n-1 with counts 1, 2, 3, 5, 8, ... in shuffled order: with the
     * end-of-block code (count 1) the block's counts are the Fibonacci numbers.
     */
    private static byte[] fibonacci(int n, int offset, SplittableRandom r) {
        int[] count = new int[n];
        count[0] = 1;
        count[1] = 2;
        int total = 3;
        for (int i = 2; i < n; i++) {
            count[i] = count[i - 1] + count[i - 2];
            total += count[i];
        }
        byte[] data = new byte[total];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < count[i]; c++) {
                data[k++] = (byte) (offset + i);
            }
        }
        return DeflateTestData.shuffle(data, r);
    }
}
