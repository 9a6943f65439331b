package io.warpdrive.soft;

/**
 * Builds the decode tables of a canonical Huffman code from its code lengths, and decides, with
 * zlib's rules, which sets of lengths are acceptable.
 *
 * <h2>Entry format</h2>
 * One {@code int} per entry, indexed by the next bits of the stream (least significant first, so
 * codes are stored bit-reversed):
 * <pre>
 *   bits  0..3   LEN_MASK      bits to drop for this entry (1..15); for a SUBTABLE pointer the
 *                              number of index bits of the subtable
 *   bits  4..7   extra bits that follow the code (length and distance symbols)
 *   bit   8      LITERAL       value is a literal byte
 *   bit   9      END_OF_BLOCK
 *   bit  10      INVALID       a code that decodes to an error (zlib's "op & 64" entries)
 *   bit  11      SUBTABLE      value is the index of a second-level table
 *   bits 16..31  value         literal, length base, distance base, code length symbol, or index
 * </pre>
 * Length and distance entries have no flag bits set. Code-length (precode) entries carry the
 * symbol 0..18 as value and ignore INVALID, because zlib decodes an all-zero precode as an endless
 * supply of one-bit zero lengths and reports the error only later ("missing end-of-block").
 *
 * <h2>Sizes</h2>
 * Root tables are 10 bits for literal/length and 8 bits for distances (wider than zlib's 9 and 6
 * so that the fast loop rarely takes a second lookup). The largest possible table for 288 symbols,
 * 10 root bits and 15-bit codes is 1334 entries, for 32 symbols, 8 root bits and 15-bit codes 402
 * entries (the bounds computed by zlib's {@code enough} program for these parameters; only complete
 * codes, or a single one-bit code, reach the filling stage). The arrays below round these up.
 */
final class HuffmanDecodeTables {
    private HuffmanDecodeTables() {
    }

    static final int LEN_MASK = 0xf;
    static final int LITERAL = 1 << 8;
    static final int END_OF_BLOCK = 1 << 9;
    static final int INVALID = 1 << 10;
    static final int SUBTABLE = 1 << 11;

    static final int LITLEN_ROOT_BITS = 10;
    static final int DIST_ROOT_BITS = 8;
    static final int PRECODE_ROOT_BITS = 7;

    /** 1334 needed at most (see the class comment), rounded up. */
    static final int LITLEN_TABLE_SIZE = 1536;
    /** 402 needed at most, rounded up. */
    static final int DIST_TABLE_SIZE = 512;
    /** A complete 19-symbol code of at most 7 bits fits the root table. */
    static final int PRECODE_TABLE_SIZE = 1 << PRECODE_ROOT_BITS;

    static final int KIND_PRECODE = 0;
    static final int KIND_LITLEN = 1;
    static final int KIND_DIST = 2;

    private static final int MAX_BITS = 15;

    /** Working storage for {@link #build}, kept by the inflater so that building never allocates. */
    static final class Scratch {
        /** Number of codes of each length 0..15 not yet placed in the table. */
        final int[] count = new int[MAX_BITS + 1];
        /** Start of each length's run in {@link #sorted}. */
        final int[] offsets = new int[MAX_BITS + 2];
        /** Symbols sorted by code length, then by symbol value: canonical code order. */
        final short[] sorted = new short[320];
    }

    static int rootBits(int kind) {
        return kind == KIND_LITLEN ? LITLEN_ROOT_BITS : kind == KIND_DIST ? DIST_ROOT_BITS : PRECODE_ROOT_BITS;
    }

    /**
     * Builds the table for {@code n} code lengths at {@code lens[off, off+n)}.
     *
     * @return 0 on success, -1 when zlib would reject the set (over-subscribed, or incomplete
     *         other than a lone one-bit code of a literal/length or distance code)
     */
    static int build(int[] table, short[] lens, int off, int n, int kind, Scratch s) {
        final int root = rootBits(kind);
        final int rootSize = 1 << root;
        final int[] count = s.count;
        java.util.Arrays.fill(count, 0);
        for (int i = 0; i < n; i++) {
            count[lens[off + i]]++;
        }
        int max = MAX_BITS;
        while (max >= 1 && count[max] == 0) {
            max--;
        }
        final int invalidOneBit = INVALID | 1;
        if (max == 0) {
            // No codes at all: zlib accepts this and every lookup decodes as an error worth one bit.
            java.util.Arrays.fill(table, 0, rootSize, invalidOneBit);
            return 0;
        }
        int left = 1;
        for (int len = 1; len <= MAX_BITS; len++) {
            left = (left << 1) - count[len];
            if (left < 0) {
                return -1;
            }
        }
        if (left > 0) {
            if (kind == KIND_PRECODE || max != 1) {
                return -1;
            }
            // A lone one-bit code: the other half of the table is the missing code, one bit long.
            java.util.Arrays.fill(table, 0, rootSize, invalidOneBit);
        }

        final int[] offsets = s.offsets;
        final short[] sorted = s.sorted;
        offsets[1] = 0;
        for (int len = 1; len <= MAX_BITS; len++) {
            offsets[len + 1] = offsets[len] + count[len];
        }
        for (int sym = 0; sym < n; sym++) {
            int len = lens[off + sym];
            if (len != 0) {
                sorted[offsets[len]++] = (short) sym;
            }
        }
        final int total = offsets[MAX_BITS + 1];

        int code = 0;            // canonical code of the current symbol, most significant bit first
        int codeLen = 0;         // its length
        int subPrefix = -1;      // root index of the subtable being filled
        int subStart = 0;        // where that subtable starts in table[]
        int subBits = 0;         // its index width
        int next = rootSize;     // first free entry after the root table
        for (int i = 0; i < total; i++) {
            int sym = sorted[i];
            int len = lens[off + sym];
            if (codeLen != 0) {
                code = (code + 1) << (len - codeLen);
            }
            codeLen = len;
            int reversed = Integer.reverse(code) >>> (32 - len);
            int entry = entryFor(kind, sym);
            if (len <= root) {
                int e = entry | len;
                for (int j = reversed; j < rootSize; j += 1 << len) {
                    table[j] = e;
                }
            } else {
                int prefix = reversed & (rootSize - 1);
                if (prefix != subPrefix) {
                    // Size the subtable to hold every remaining code that shares this prefix:
                    // grow while the codes of the next length cannot fill what is left of it.
                    int bitsNeeded = len - root;
                    int room = 1 << bitsNeeded;
                    while (bitsNeeded + root < max) {
                        room -= count[bitsNeeded + root];
                        if (room <= 0) {
                            break;
                        }
                        bitsNeeded++;
                        room <<= 1;
                    }
                    subPrefix = prefix;
                    subStart = next;
                    subBits = bitsNeeded;
                    next += 1 << subBits;
                    table[prefix] = SUBTABLE | subBits | (subStart << 16);
                }
                int subLen = len - root;
                int e = entry | subLen;
                for (int j = reversed >>> root; j < 1 << subBits; j += 1 << subLen) {
                    table[subStart + j] = e;
                }
            }
            count[len]--; // after sizing: a new subtable must count the code that opens it
        }
        return 0;
    }

    private static int entryFor(int kind, int sym) {
        if (kind == KIND_PRECODE) {
            return sym << 16;
        }
        if (kind == KIND_LITLEN) {
            if (sym < 256) {
                return LITERAL | (sym << 16);
            }
            if (sym == 256) {
                return END_OF_BLOCK;
            }
            if (sym < 286) {
                int i = sym - 257;
                return (InflateTables.LENGTH_EXTRA[i] << 4) | (InflateTables.LENGTH_BASE[i] << 16);
            }
            return INVALID;
        }
        if (sym < 30) {
            return (InflateTables.DIST_EXTRA[sym] << 4) | (InflateTables.DIST_BASE[sym] << 16);
        }
        return INVALID;
    }
}
