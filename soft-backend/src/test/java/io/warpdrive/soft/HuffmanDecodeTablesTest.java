package io.warpdrive.soft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The decode table builder against an independent oracle: canonical codes computed here from the
 * RFC 1951 algorithm (3.2.2), and the Kraft inequality for which length sets are acceptable.
 */
class HuffmanDecodeTablesTest {

    /** Random complete codes with long codewords stress the subtable sizing bounds. */
    @Test
    void everySymbolOfRandomCompleteCodesDecodes() {
        Random r = new Random(20261123);
        for (int trial = 0; trial < 3000; trial++) {
            int kind = trial % 2 == 0 ? HuffmanDecodeTables.KIND_LITLEN : HuffmanDecodeTables.KIND_DIST;
            int n = kind == HuffmanDecodeTables.KIND_LITLEN ? 257 + r.nextInt(30) : 2 + r.nextInt(29);
            byte[] lens = randomCompleteLengths(r, n, trial % 7 == 0);
            int[] table = new int[kind == HuffmanDecodeTables.KIND_LITLEN
                    ? HuffmanDecodeTables.LITLEN_TABLE_SIZE : HuffmanDecodeTables.DIST_TABLE_SIZE];
            int root = HuffmanDecodeTables.build(table, lens, 0, n, kind, new HuffmanDecodeTables.Scratch());
            assertTrue(root >= 1 && root <= HuffmanDecodeTables.maxRootBits(kind), "complete code rejected, trial " + trial);
            int[] codes = canonicalCodes(lens, n);
            for (int sym = 0; sym < n; sym++) {
                if (lens[sym] == 0) {
                    continue;
                }
                int bitsLsbFirst = Integer.reverse(codes[sym]) >>> (32 - lens[sym]);
                int e = table[bitsLsbFirst & ((1 << root) - 1)];
                int consumed;
                if (e >= 0 && (e & HuffmanDecodeTables.SUBTABLE) != 0) {
                    int subBits = (e >>> HuffmanDecodeTables.CODE_LEN_SHIFT) & 0xf;
                    int base = (e >>> HuffmanDecodeTables.VALUE_SHIFT) & HuffmanDecodeTables.VALUE_MASK;
                    e = table[base + ((bitsLsbFirst >>> root) & ((1 << subBits) - 1))];
                    consumed = root + ((e >>> HuffmanDecodeTables.CODE_LEN_SHIFT) & 0xf);
                } else {
                    consumed = (e >>> HuffmanDecodeTables.CODE_LEN_SHIFT) & 0xf;
                }
                assertEquals(lens[sym], consumed, "code length of symbol " + sym + ", trial " + trial);
                assertEquals(sym, symbolOf(kind, e), "symbol decoded, trial " + trial);
            }
        }
    }

    @Test
    void acceptsExactlyWhatZlibAccepts() {
        Random r = new Random(7);
        for (int trial = 0; trial < 5000; trial++) {
            int n = 1 + r.nextInt(30);
            byte[] lens = new byte[n];
            for (int i = 0; i < n; i++) {
                lens[i] = (byte) (r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 4 : 15));
            }
            long kraft = 0; // in units of 2^-15
            int max = 0;
            for (byte l : lens) {
                if (l != 0) {
                    kraft += 1L << (15 - l);
                    max = Math.max(max, l);
                }
            }
            for (int kind = 0; kind <= 2; kind++) {
                if (kind == HuffmanDecodeTables.KIND_PRECODE && (n > 19 || max > 7)) {
                    continue;
                }
                boolean expectOk = max == 0 || kraft == 1L << 15
                        || (kraft < 1L << 15 && kind != HuffmanDecodeTables.KIND_PRECODE && max == 1);
                int[] table = new int[HuffmanDecodeTables.LITLEN_TABLE_SIZE];
                int got = HuffmanDecodeTables.build(table, lens, 0, n, kind, new HuffmanDecodeTables.Scratch());
                assertEquals(expectOk, got >= 0, "kind " + kind + " trial " + trial);
            }
        }
    }

    @Test
    void missingCodesDecodeAsOneBitErrors() {
        byte[] lens = {0, 1, 0};
        int[] table = new int[HuffmanDecodeTables.DIST_TABLE_SIZE];
        assertEquals(1, HuffmanDecodeTables.build(table, lens, 0, 3, HuffmanDecodeTables.KIND_DIST,
                new HuffmanDecodeTables.Scratch()));
        assertEquals(1, symbolOf(HuffmanDecodeTables.KIND_DIST, table[0]));
        assertTrue((table[1] & HuffmanDecodeTables.INVALID) != 0);
        assertEquals(1, (table[1] >>> HuffmanDecodeTables.CODE_LEN_SHIFT) & 0xf);
    }

    private static int symbolOf(int kind, int e) {
        if (kind == HuffmanDecodeTables.KIND_LITLEN) {
            if (e < 0) {
                return (e >>> HuffmanDecodeTables.LITERAL_SHIFT) & 0xff;
            }
            if ((e & HuffmanDecodeTables.END_OF_BLOCK) != 0) {
                return 256;
            }
            int base = (e >>> HuffmanDecodeTables.VALUE_SHIFT) & HuffmanDecodeTables.VALUE_MASK;
            for (int i = 0; i < InflateTables.LENGTH_BASE.length; i++) {
                int extra = (e & HuffmanDecodeTables.DROP_MASK) - ((e >>> HuffmanDecodeTables.CODE_LEN_SHIFT) & 0xf);
                if (InflateTables.LENGTH_BASE[i] == base && InflateTables.LENGTH_EXTRA[i] == extra) {
                    return 257 + i;
                }
            }
            return (e & HuffmanDecodeTables.INVALID) != 0 ? -2 : -1;
        }
        if ((e & HuffmanDecodeTables.INVALID) != 0) {
            return -2;
        }
        int base = (e >>> HuffmanDecodeTables.VALUE_SHIFT) & HuffmanDecodeTables.VALUE_MASK;
        for (int i = 0; i < InflateTables.DIST_BASE.length; i++) {
            if (InflateTables.DIST_BASE[i] == base) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 1951 3.2.2: bl_count, next_code, then codes in symbol order. */
    private static int[] canonicalCodes(byte[] lens, int n) {
        int[] blCount = new int[16];
        for (int i = 0; i < n; i++) {
            blCount[lens[i]]++;
        }
        blCount[0] = 0;
        int[] nextCode = new int[16];
        int code = 0;
        for (int bits = 1; bits <= 15; bits++) {
            code = (code + blCount[bits - 1]) << 1;
            nextCode[bits] = code;
        }
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            if (lens[i] != 0) {
                codes[i] = nextCode[lens[i]]++;
            }
        }
        return codes;
    }

    /**
     * A random complete code: start from one leaf of length 0 and split random leaves (a split
     * replaces a leaf of length l by two of length l + 1) until there are as many leaves as
     * wanted symbols, never deeper than 15. With {@code deep}, prefer splitting the deepest leaf.
     */
    private static byte[] randomCompleteLengths(Random r, int n, boolean deep) {
        int leaves = 2 + r.nextInt(n - 1);
        int[] depth = new int[leaves];
        int count = 1;
        depth[0] = 0;
        while (count < leaves) {
            int pick = r.nextInt(count);
            if (deep) {
                for (int i = 0; i < count; i++) {
                    if (depth[i] > depth[pick] && depth[i] < 15) {
                        pick = i;
                    }
                }
            }
            if (depth[pick] >= 15) {
                continue;
            }
            depth[pick]++;
            depth[count++] = depth[pick];
        }
        byte[] lens = new byte[n];
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            slots[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = slots[i];
            slots[i] = slots[j];
            slots[j] = t;
        }
        for (int i = 0; i < leaves; i++) {
            lens[slots[i]] = (byte) depth[i];
        }
        return lens;
    }
}
