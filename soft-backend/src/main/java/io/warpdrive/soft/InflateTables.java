package io.warpdrive.soft;

/**
 * Constant tables of the DEFLATE format (RFC 1951 section 3.2.5 and 3.2.7) and the decode tables
 * of the fixed Huffman code, built once per JVM with the same builder as dynamic blocks.
 */
final class InflateTables {
    private InflateTables() {
    }

    /** Order in which the code length code lengths are transmitted (RFC 1951 3.2.7). */
    static final byte[] CODE_LENGTH_ORDER = {
        16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15
    };

    /** Base match length for length symbols 257..285. */
    static final short[] LENGTH_BASE = {
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258
    };

    /** Extra bits for length symbols 257..285. */
    static final byte[] LENGTH_EXTRA = {
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
        3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
    };

    /** Base distance for distance symbols 0..29. */
    static final int[] DIST_BASE = {
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
        257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577
    };

    /** Extra bits for distance symbols 0..29. */
    static final byte[] DIST_EXTRA = {
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13
    };

    /** Decode table of the fixed literal/length code (288 symbols, 286 and 287 decode as invalid). */
    /**
     * Table entries without their code length, per symbol, by kind (precode, literal/length,
     * distance): one load in the table builder instead of a chain of branches. Made here,
     * before the fixed tables below are built with them, so that class initialization never
     * goes round in a circle.
     */
    static final int[][] ENTRIES = {
        HuffmanDecodeTables.entries(HuffmanDecodeTables.KIND_PRECODE, 19),
        HuffmanDecodeTables.entries(HuffmanDecodeTables.KIND_LITLEN, 288),
        HuffmanDecodeTables.entries(HuffmanDecodeTables.KIND_DIST, 32),
    };

    static final int[] FIXED_LITLEN;
    /** Decode table of the fixed distance code (32 symbols of 5 bits, 30 and 31 decode as invalid). */
    static final int[] FIXED_DIST;
    /** Root widths of the two fixed tables. */
    static final int FIXED_LITLEN_BITS;
    static final int FIXED_DIST_BITS;

    static {
        byte[] lens = new byte[320];
        int sym = 0;
        while (sym < 144) lens[sym++] = 8;
        while (sym < 256) lens[sym++] = 9;
        while (sym < 280) lens[sym++] = 7;
        while (sym < 288) lens[sym++] = 8;
        for (int d = 0; d < 32; d++) lens[288 + d] = 5;
        HuffmanDecodeTables.Scratch scratch = new HuffmanDecodeTables.Scratch();
        FIXED_LITLEN = new int[HuffmanDecodeTables.LITLEN_TABLE_SIZE];
        FIXED_DIST = new int[HuffmanDecodeTables.DIST_TABLE_SIZE];
        int r1 = HuffmanDecodeTables.build(FIXED_LITLEN, lens, 0, 288, HuffmanDecodeTables.KIND_LITLEN, scratch);
        int r2 = HuffmanDecodeTables.build(FIXED_DIST, lens, 288, 32, HuffmanDecodeTables.KIND_DIST, scratch);
        if (r1 < 0 || r2 < 0) {
            throw new AssertionError("fixed Huffman tables must be valid");
        }
        FIXED_LITLEN_BITS = r1;
        FIXED_DIST_BITS = r2;
    }
}
