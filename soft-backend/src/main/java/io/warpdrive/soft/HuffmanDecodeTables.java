package io.warpdrive.soft;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Builds the decode tables of a canonical Huffman code from its code lengths, and decides, with
 * zlib's rules, which sets of lengths are acceptable.
 *
 * <h2>Entry format</h2>
 * One {@code int} per entry, indexed by the next bits of the stream (least significant first, so
 * codes are stored bit-reversed):
 * <pre>
 *   bits  0..5   DROP          bits this entry consumes in the fast loop: the code length plus,
 *                              for length and distance symbols, their extra bits. Java masks a
 *                              long shift count to 6 bits, so {@code hold >>>= entry} drops them.
 *                              For a SUBTABLE pointer: the root width.
 *   bits  8..11  code length   the code alone (the slow path reads extra bits separately, as zlib
 *                              does); for a SUBTABLE pointer, the index width of the subtable
 *   bit  13      END_OF_BLOCK
 *   bit  14      INVALID       a code that decodes to an error (zlib's "op & 64" entries)
 *   bit  15      SUBTABLE      value is the index of a second-level table
 *   bits 16..30  value         length base, distance base, code length symbol, or index
 *   bit  31      LITERAL       so that {@code entry < 0} tests for a literal
 * </pre>
 * Literal entries lay out their upper bits differently, since they need none of the flags:
 * <pre>
 *   bits  0..5   DROP          code length, or both code lengths for a pair
 *   bits  8..11  code length   of the first literal only (what the slow path consumes)
 *   bits 12..19  the literal
 *   bits 20..27  a second literal, when PAIR is set
 *   bit  30      PAIR          two literals whose codes together fit in the root index
 *   bit  31      LITERAL
 * </pre>
 * Pairs let the fast loop emit two literals per lookup; on text most literal codes are 5..9 bits,
 * so a large share of root entries become pairs.
 * Length and distance entries have no flag bits set. Code-length (precode) entries carry the
 * symbol 0..18 as value and ignore INVALID, because zlib decodes an all-zero precode as an endless
 * supply of one-bit zero lengths and reports the error only later ("missing end-of-block").
 *
 * <h2>Sizes</h2>
 * Root tables are 11 bits for literal/length and 10 bits for distances (wider than zlib's 9 and 6
 * so that the fast loop rarely takes a second lookup). The largest possible table for 288 symbols,
 * 11 root bits and 15-bit codes is 2342 entries (zlib's {@code enough} program, "enough 288 11 15";
 * only complete codes, or a lone one-bit code, reach the filling stage). For distances a simple
 * bound suffices: a subtable serves one root slot that a complete code fills with codes longer
 * than the root, so it holds at least two of the 30 codes (at most 15 subtables) and has at most
 * 2^(15-10) = 32 entries: 1024 + 15 * 32 = 1504.
 */
final class HuffmanDecodeTables {
    private HuffmanDecodeTables() {
    }

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static final int DROP_MASK = 0x3f;
    static final int CODE_LEN_SHIFT = 8;
    static final int END_OF_BLOCK = 1 << 13;
    static final int INVALID = 1 << 14;
    static final int SUBTABLE = 1 << 15;
    static final int LITERAL = 1 << 31;
    static final int PAIR = 1 << 30;
    static final int LITERAL_SHIFT = 12;
    static final int SECOND_LITERAL_SHIFT = 20;
    static final int VALUE_SHIFT = 16;
    static final int VALUE_MASK = 0x7fff;

    static final int LITLEN_ROOT_BITS = 11;
    static final int DIST_ROOT_BITS = 10;
    static final int PRECODE_ROOT_BITS = 7;

    /** 2342 needed at most (see the class comment), rounded up. */
    static final int LITLEN_TABLE_SIZE = 2368;
    /** 1024 root entries plus at most 15 subtables of 32 entries (see the class comment). */
    static final int DIST_TABLE_SIZE = 1536;
    /** A complete 19-symbol code of at most 7 bits fits the root table. */
    static final int PRECODE_TABLE_SIZE = 1 << PRECODE_ROOT_BITS;

    static final int KIND_PRECODE = 0;
    static final int KIND_LITLEN = 1;
    static final int KIND_DIST = 2;

    private static final int MAX_BITS = 15;

    /** Working storage for {@link #build}, kept by the inflater so that building never allocates. */
    static final class Scratch {
        /** Number of codes of each length 1..15 not yet placed in the table (count[0] is not kept). */
        final int[] count = new int[MAX_BITS + 1];
        /** Four interleaved histograms of code lengths (see countLengths). */
        final int[] count4 = new int[4 * (MAX_BITS + 1)];
        /** Start of each length's run in {@link #sorted}. */
        final int[] offsets = new int[MAX_BITS + 2];
        /** Symbols sorted by code length, then by symbol value: canonical code order. */
        final short[] sorted = new short[320];
        /** Literals (0..255) with codes shorter than the root, in code length order. */
        final short[] literalSyms = new short[256];
        /** Their code lengths. */
        final byte[] literalLens = new byte[256];
        /** Their codes, bit-reversed (stream order). */
        final short[] literalCodes = new short[256];
    }

    /** The widest root index for a kind of code. */
    static int maxRootBits(int kind) {
        return kind == KIND_LITLEN ? LITLEN_ROOT_BITS : kind == KIND_DIST ? DIST_ROOT_BITS : PRECODE_ROOT_BITS;
    }

    /**
     * Builds the table for {@code n} code lengths at {@code lens[off, off+n)}.
     *
     * <p>The root index is as wide as the longest code but no wider than {@link #maxRootBits}:
     * small blocks have short codes, and filling (and pairing) a 2048-entry root for a code whose
     * longest word is 9 bits would cost more than decoding the block.
     *
     * @return the root width in bits (1..maxRootBits) on success, -1 when zlib would reject the
     *         set (over-subscribed, or incomplete other than a lone one-bit code of a
     *         literal/length or distance code)
     */
    static int build(int[] table, byte[] lens, int off, int n, int kind, Scratch s) {
        final int[] count = s.count;
        countLengths(lens, off, n, s);
        int max = MAX_BITS;
        while (max >= 1 && count[max] == 0) {
            max--;
        }
        // The precode keeps its full 7-bit root: the header decoder indexes it with a fixed mask.
        final int root = kind == KIND_PRECODE ? PRECODE_ROOT_BITS : Math.max(1, Math.min(maxRootBits(kind), max));
        final int rootSize = 1 << root;
        final int invalidOneBit = INVALID | 1 | (1 << CODE_LEN_SHIFT);
        if (max == 0) {
            // No codes at all: zlib accepts this and every lookup decodes as an error worth one bit.
            java.util.Arrays.fill(table, 0, rootSize, invalidOneBit);
            return root;
        }
        int left = 1;
        for (int len = 1; len <= MAX_BITS; len++) {
            left = (left << 1) - count[len];
            if (left < 0) {
                return -1;
            }
        }
        if (left > 0 && (kind == KIND_PRECODE || max != 1)) {
            return -1;
        }

        // Canonical order: by length, then by symbol.
        final int[] offsets = s.offsets;
        offsets[1] = 0;
        for (int len = 1; len <= MAX_BITS; len++) {
            offsets[len + 1] = offsets[len] + count[len];
        }
        final short[] sorted = s.sorted;
        for (int sym = 0; sym < n; sym++) {
            int len = lens[off + sym];
            if (len != 0) {
                sorted[offsets[len]++] = (short) sym;
            }
        }

        // Codes up to the root width, shortest first, in a table that doubles as the length
        // grows: a code of length len has one slot in a table of 2^len entries (its bits
        // reversed), and each doubling copies the table onto its upper half, which repeats every
        // shorter code at all the slots whose low bits are its code. So every code is stored
        // once and the rest is bulk copying, instead of a strided fill per code. The first two
        // slots start as the missing code of an incomplete (lone one-bit) code; a complete code
        // overwrites every root slot, with a code or with a subtable pointer below.
        table[0] = invalidOneBit;
        table[1] = invalidOneBit;
        final int[] entries = InflateTables.ENTRIES[kind];
        // Literals shorter than the root are recorded for pairing.
        final int literalEnd = kind == KIND_LITLEN ? 256 : 0;
        final short[] literalSyms = s.literalSyms;
        final byte[] literalLens = s.literalLens;
        final short[] literalCodes = s.literalCodes;
        int size = 2;
        int code = 0;            // next canonical code of the current length, most significant bit first
        int i = 0;               // next symbol in sorted[]
        int literals = 0;        // literals recorded for pairing
        for (int len = 1; len <= root; len++) {
            if (len > 1) {
                System.arraycopy(table, 0, table, size, size);
                size <<= 1;
            }
            for (int k = count[len]; k > 0; k--) {
                int sym = sorted[i++];
                int reversed = DeflateTables.reverse(code++, len);
                if (sym < literalEnd && len < root) {
                    literalSyms[literals] = (short) sym;
                    literalLens[literals] = (byte) len;
                    literalCodes[literals++] = (short) reversed;
                }
                table[reversed] = withLength(entries[sym], len);
            }
            code <<= 1;
        }

        // Longer codes go to subtables, one per root slot that they share.
        int subPrefix = -1;      // root index of the subtable being filled
        int subStart = 0;        // where that subtable starts in table[]
        int subBits = 0;         // its index width
        int next = rootSize;     // first free entry after the root table
        for (int len = root + 1; len <= max; len++) {
            while (count[len] > 0) {
                int sym = sorted[i++];
                int reversed = DeflateTables.reverse(code++, len);
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
                    table[prefix] = SUBTABLE | root | (subBits << CODE_LEN_SHIFT) | (subStart << VALUE_SHIFT);
                }
                int subLen = len - root;
                int e = withLength(entries[sym], subLen);
                for (int j = reversed >>> root; j < 1 << subBits; j += 1 << subLen) {
                    table[subStart + j] = e;
                }
                count[len]--; // after sizing: a new subtable must count the code that opens it
            }
            code <<= 1;
        }
        if (literals > 0) {
            pairLiterals(table, root, s, literals);
        }
        return root;
    }

    /**
     * Counts the code lengths 1..15 into {@code s.count} (count[0] is not used). Groups of 8
     * zero lengths, most of a small block's literal alphabet, are passed over with one 8-byte
     * read. The rest go to four interleaved histograms, summed at the end: with one, runs of
     * equal lengths make every increment wait for the store of the one before.
     */
    private static void countLengths(byte[] lens, int off, int n, Scratch s) {
        final int[] c4 = s.count4;
        java.util.Arrays.fill(c4, 0);
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            if ((long) LONG_LE.get(lens, off + i) == 0) {
                continue;
            }
            for (int j = off + i, end = j + 8; j < end; j += 4) {
                c4[lens[j]]++;
                c4[16 + lens[j + 1]]++;
                c4[32 + lens[j + 2]]++;
                c4[48 + lens[j + 3]]++;
            }
        }
        for (; i < n; i++) {
            c4[lens[off + i]]++;
        }
        final int[] count = s.count;
        for (int len = 0; len <= MAX_BITS; len++) {
            count[len] = c4[len] + c4[16 + len] + c4[32 + len] + c4[48 + len];
        }
    }

    /**
     * Overwrites the root entries whose bits start with two whole literal codes by pair entries.
     * Goes over pairs of literals, shortest codes first, rather than over the table: no table
     * reads and no data-dependent branches per entry, and the work is the number of pair entries
     * written (distinct code pairs own disjoint sets of root indexes, so at most rootSize).
     */
    private static void pairLiterals(int[] table, int root, Scratch s, int literals) {
        final int rootSize = 1 << root;
        final short[] syms = s.literalSyms;
        final byte[] lens = s.literalLens;
        final short[] codes = s.literalCodes;
        for (int a = 0; a < literals; a++) {
            int len1 = lens[a];
            int first = LITERAL | PAIR | (len1 << CODE_LEN_SHIFT) | (syms[a] << LITERAL_SHIFT);
            for (int b = 0; b < literals; b++) {
                int both = len1 + lens[b];
                if (both > root) {
                    break; // literals are in code length order: the rest are longer still
                }
                int entry = first | both | (syms[b] << SECOND_LITERAL_SHIFT);
                for (int j = codes[a] | (codes[b] << len1); j < rootSize; j += 1 << both) {
                    table[j] = entry;
                }
            }
        }
    }

    /** {@link #entryFor} of symbols 0..n-1 (see InflateTables.ENTRIES). */
    static int[] entries(int kind, int n) {
        int[] e = new int[n];
        for (int sym = 0; sym < n; sym++) {
            e[sym] = entryFor(kind, sym);
        }
        return e;
    }

    /** Adds the code length to an entry whose DROP field so far holds only the extra bits. */
    private static int withLength(int entry, int codeLen) {
        return entry + codeLen + (codeLen << CODE_LEN_SHIFT);
    }

    /** The entry for a symbol, without its code length; DROP holds the symbol's extra bits. */
    private static int entryFor(int kind, int sym) {
        if (kind == KIND_PRECODE) {
            return sym << VALUE_SHIFT;
        }
        if (kind == KIND_LITLEN) {
            if (sym < 256) {
                return LITERAL | (sym << LITERAL_SHIFT);
            }
            if (sym == 256) {
                return END_OF_BLOCK;
            }
            if (sym < 286) {
                int i = sym - 257;
                return InflateTables.LENGTH_EXTRA[i] | (InflateTables.LENGTH_BASE[i] << VALUE_SHIFT);
            }
            return INVALID;
        }
        if (sym < 30) {
            return InflateTables.DIST_EXTRA[sym] | (InflateTables.DIST_BASE[sym] << VALUE_SHIFT);
        }
        return INVALID;
    }
}
