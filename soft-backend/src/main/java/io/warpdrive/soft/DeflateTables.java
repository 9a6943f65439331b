package io.warpdrive.soft;

/**
 * Constants and static tables of the DEFLATE format (RFC 1951) as the compressor needs them:
 * symbol alphabets, extra-bit counts, the length/distance to code maps and the fixed Huffman
 * codes. Tables are computed once in the static initializer from the RFC's rules rather than
 * typed in, so each one can be checked against its definition.
 */
final class DeflateTables {
    private DeflateTables() {
    }

    /** Shortest and longest match DEFLATE can express. */
    static final int MIN_MATCH = 3;
    static final int MAX_MATCH = 258;
    /**
     * Lookahead the match finders want before searching: a longest match (258) plus the three
     * bytes needed to hash the string that follows it, plus one.
     */
    static final int MIN_LOOKAHEAD = MAX_MATCH + MIN_MATCH + 1;

    /** Number of length codes, not counting the END_BLOCK code. */
    static final int LENGTH_CODES = 29;
    static final int LITERALS = 256;
    /** Literal/length alphabet size: literals, END_BLOCK, length codes. */
    static final int L_CODES = LITERALS + 1 + LENGTH_CODES;
    static final int D_CODES = 30;
    /** Code-length alphabet of a dynamic block header (0..15 plus the three repeat codes). */
    static final int BL_CODES = 19;
    /** Nodes of the largest tree (leaves + internal nodes) + 1, the heap's size. */
    static final int HEAP_SIZE = 2 * L_CODES + 1;
    static final int MAX_BITS = 15;
    /** Code lengths of the code-length alphabet may not exceed 7 bits. */
    static final int MAX_BL_BITS = 7;
    static final int END_BLOCK = 256;
    /** Repeat previous length 3..6 times (2 extra bits). */
    static final int REP_3_6 = 16;
    /** Repeat a zero length 3..10 times (3 extra bits). */
    static final int REPZ_3_10 = 17;
    /** Repeat a zero length 11..138 times (7 extra bits). */
    static final int REPZ_11_138 = 18;

    /** Block types in the 2-bit BTYPE field. */
    static final int STORED_BLOCK = 0;
    static final int STATIC_TREES = 1;
    static final int DYN_TREES = 2;

    static final int[] EXTRA_LBITS = {
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    static final int[] EXTRA_DBITS = {
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
    static final int[] EXTRA_BLBITS = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 7};
    /** Order in which code-length code lengths are sent (RFC 1951 3.2.7): likely-used first. */
    static final int[] BL_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    /** Each byte (declared before the tables below, whose initialization uses it) with its bits in reverse order. */
    private static final byte[] REV8 = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            REV8[i] = (byte) (Integer.reverse(i) >>> 24);
        }
    }

    /** Length code (0..28) for match length - MIN_MATCH (0..255). */
    static final byte[] LENGTH_CODE = new byte[MAX_MATCH - MIN_MATCH + 1];
    /** First match length - MIN_MATCH of each length code. */
    static final int[] BASE_LENGTH = new int[LENGTH_CODES];
    /**
     * Distance code for distance - 1: entries 0..255 map distances 1..256 directly; entries
     * 256..511 map (distance - 1) >> 7 for the longer distances, whose codes all span multiples
     * of 128. Use {@link #dCode(int)}.
     */
    static final byte[] DIST_CODE = new byte[512];
    /** First distance - 1 of each distance code. */
    static final int[] BASE_DIST = new int[D_CODES];

    /** Fixed literal/length code (RFC 1951 3.2.6), bit-reversed for LSB-first output. */
    static final int[] STATIC_LTREE_CODE = new int[L_CODES + 2];
    static final int[] STATIC_LTREE_LEN = new int[L_CODES + 2];
    /** Fixed distance code: every code is 5 bits. */
    static final int[] STATIC_DTREE_CODE = new int[D_CODES];
    static final int[] STATIC_DTREE_LEN = new int[D_CODES];

    static {
        int length = 0;
        int code;
        for (code = 0; code < LENGTH_CODES - 1; code++) {
            BASE_LENGTH[code] = length;
            for (int n = 0; n < (1 << EXTRA_LBITS[code]); n++) {
                LENGTH_CODE[length++] = (byte) code;
            }
        }
        // Length 258 (index 255) fits code 284 with 5 extra bits, but code 285 says it in 0 bits;
        // the loop above filled index 255 with 284, so overwrite it with the shorter encoding.
        LENGTH_CODE[length - 1] = (byte) code;
        // Code 285 has no extra bits; its base makes length - base zero like every such code.
        BASE_LENGTH[LENGTH_CODES - 1] = MAX_MATCH - MIN_MATCH;

        int dist = 0;
        for (code = 0; code < 16; code++) {
            BASE_DIST[code] = dist;
            for (int n = 0; n < (1 << EXTRA_DBITS[code]); n++) {
                DIST_CODE[dist++] = (byte) code;
            }
        }
        dist >>= 7; // from here on, distances are counted in units of 128
        for (; code < D_CODES; code++) {
            BASE_DIST[code] = dist << 7;
            for (int n = 0; n < (1 << (EXTRA_DBITS[code] - 7)); n++) {
                DIST_CODE[256 + dist++] = (byte) code;
            }
        }

        int[] blCount = new int[MAX_BITS + 1];
        int n = 0;
        while (n <= 143) { STATIC_LTREE_LEN[n++] = 8; blCount[8]++; }
        while (n <= 255) { STATIC_LTREE_LEN[n++] = 9; blCount[9]++; }
        while (n <= 279) { STATIC_LTREE_LEN[n++] = 7; blCount[7]++; }
        while (n <= 287) { STATIC_LTREE_LEN[n++] = 8; blCount[8]++; }
        // Codes 286 and 287 are never sent but take part so the code is complete (canonical).
        assignCodes(STATIC_LTREE_CODE, STATIC_LTREE_LEN, L_CODES + 1, blCount, new int[MAX_BITS + 1]);
        for (n = 0; n < D_CODES; n++) {
            STATIC_DTREE_LEN[n] = 5;
            STATIC_DTREE_CODE[n] = reverse(n, 5);
        }
    }

    /** Distance code of a distance - 1 in 0..32767. */
    static int dCode(int distMinus1) {
        return distMinus1 < 256 ? DIST_CODE[distMinus1] : DIST_CODE[256 + (distMinus1 >>> 7)];
    }

    /**
     * Canonical Huffman code assignment (RFC 1951 3.2.2) for symbols 0..maxCode with the given
     * lengths and per-length counts; codes are stored bit-reversed since DEFLATE sends them
     * MSB-first inside an LSB-first bit stream. {@code nextCode} is scratch of MAX_BITS + 1.
     */
    static void assignCodes(int[] codeOut, int[] len, int maxCode, int[] blCount, int[] nextCode) {
        firstCodes(blCount, nextCode);
        for (int n = 0; n <= maxCode; n++) {
            int l = len[n];
            if (l != 0) {
                codeOut[n] = reverse(nextCode[l]++, l);
            }
        }
    }

    /** The first canonical code of each length (RFC 1951 3.2.2 step 2) into nextCode. */
    static void firstCodes(int[] blCount, int[] nextCode) {
        int code = 0;
        for (int bits = 1; bits <= MAX_BITS; bits++) {
            code = (code + blCount[bits - 1]) << 1;
            nextCode[bits] = code;
        }
    }

    /** The low {@code len} (1..16) bits of {@code code} in reverse order. */
    static int reverse(int code, int len) {
        int r = (REV8[code & 0xff] & 0xff) << 8 | (REV8[(code >>> 8) & 0xff] & 0xff);
        return r >>> (16 - len);
    }
}
