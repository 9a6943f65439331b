package io.warpdrive.soft;

/**
 * One Huffman tree of a block being built (zlib's ct_data array plus its tree_desc): per node a
 * frequency, a parent while building, then a length and a code. Leaves are symbols
 * 0..elems-1; internal nodes are numbered from elems up.
 */
final class DeflateTree {
    /** Leaf: symbol count in the current block; internal node: summed weight of its subtree. */
    final int[] freq;
    /** Parent node, valid while the tree is being built. */
    final int[] dad;
    /** Code length in bits (0 for an unused symbol). */
    final int[] len;
    /** Code, bit-reversed for LSB-first output; valid for symbols with len != 0. */
    final int[] code;
    /** Largest symbol with a non-zero frequency in the last built tree. */
    int maxCode;
    /**
     * The symbols with a non-zero frequency in the last built tree, ascending, in
     * symbols[0..symbolCount). Small blocks use a fraction of the alphabet, and the passes
     * after the tree is built (codes, the run-length coding of the lengths) visit only these.
     */
    final int[] symbols;
    int symbolCount;

    /** Number of leaves (alphabet size). */
    final int elems;
    /** Extra bits per code starting at {@link #extraBase}, or 0 for codes below it. */
    final int[] extraBits;
    final int extraBase;
    /** Longest code length allowed for this alphabet. */
    final int maxLength;
    /** Lengths of the fixed code for this alphabet, or null (code-length alphabet). */
    final int[] staticLen;

    DeflateTree(int nodes, int elems, int[] extraBits, int extraBase, int maxLength, int[] staticLen) {
        this.freq = new int[nodes];
        this.dad = new int[nodes];
        this.len = new int[nodes];
        this.code = new int[nodes];
        this.symbols = new int[elems];
        this.elems = elems;
        this.extraBits = extraBits;
        this.extraBase = extraBase;
        this.maxLength = maxLength;
        this.staticLen = staticLen;
    }
}
