/*
 * Writes DEFLATE bit streams by hand for test vectors: fields LSB-first, Huffman codes MSB-first
 * (RFC 1951 section 3.1.1), and canonical codes from code lengths (section 3.2.2).
 */
package io.warpdrive.conformance;

import java.io.ByteArrayOutputStream;

/** A tiny DEFLATE bit writer. */
final class BitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int acc;
    private int count;

    /** {@code n} low bits of {@code value}, least significant first (header fields, extra bits). */
    BitWriter bits(int value, int n) {
        for (int i = 0; i < n; i++) {
            acc |= ((value >>> i) & 1) << count;
            if (++count == 8) {
                out.write(acc);
                acc = 0;
                count = 0;
            }
        }
        return this;
    }

    /** A Huffman code of {@code len} bits, most significant bit first. */
    BitWriter code(int code, int len) {
        for (int i = len - 1; i >= 0; i--) {
            bits(code >>> i, 1);
        }
        return this;
    }

    /** Symbol {@code sym} of a canonical code given by {@code lens}. */
    BitWriter sym(int[] lens, int sym) {
        if (lens[sym] == 0) {
            throw new IllegalArgumentException("symbol " + sym + " has no code");
        }
        return code(canonical(lens)[sym], lens[sym]);
    }

    /** Zero bits up to the next byte boundary. */
    BitWriter align() {
        if (count > 0) {
            bits(0, 8 - count);
        }
        return this;
    }

    /** Whole bytes, after aligning. */
    BitWriter bytes(int... b) {
        align();
        for (int x : b) {
            out.write(x);
        }
        return this;
    }

    byte[] toByteArray() {
        align();
        return out.toByteArray();
    }

    /** Canonical Huffman codes for code lengths (RFC 1951 3.2.2). */
    static int[] canonical(int[] lens) {
        int max = 0;
        for (int l : lens) {
            max = Math.max(max, l);
        }
        int[] blCount = new int[max + 1];
        for (int l : lens) {
            if (l > 0) {
                blCount[l]++;
            }
        }
        int[] next = new int[max + 2];
        int code = 0;
        for (int bits = 1; bits <= max; bits++) {
            code = (code + blCount[bits - 1]) << 1;
            next[bits] = code;
        }
        int[] codes = new int[lens.length];
        for (int i = 0; i < lens.length; i++) {
            if (lens[i] > 0) {
                codes[i] = next[lens[i]]++;
            }
        }
        return codes;
    }

    /** Order in which code length code lengths are sent (RFC 1951 3.2.7). */
    static final int[] CL_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    /**
     * A dynamic block header (BFINAL=1, BTYPE=10) sending {@code lit} and {@code dist} code lengths
     * literally (no repeat codes) with a code length code of 1-bit codes for the values 0 and 1
     * only. Enough for the invalid-table vectors, which use lengths 0 and 1.
     */
    BitWriter dynamicHeader(int[] lit, int[] dist) {
        bits(1, 1).bits(2, 2);
        bits(lit.length - 257, 5).bits(dist.length - 1, 5);
        int[] cl = new int[19];
        cl[0] = 1;
        cl[1] = 1;
        int hclen = 18; // CL_ORDER index of symbol 1 is 17, so 18 entries
        bits(hclen - 4, 4);
        for (int i = 0; i < hclen; i++) {
            bits(cl[CL_ORDER[i]], 3);
        }
        for (int l : lit) {
            sym(cl, l);
        }
        for (int l : dist) {
            sym(cl, l);
        }
        return this;
    }
}
