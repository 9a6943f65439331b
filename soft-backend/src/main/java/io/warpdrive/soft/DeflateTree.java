package io.warpdrive.soft;

/**
 * One Huffman tree of a block being built (zlib's ct_data array plus its tree_desc): per node a
 * frequency, a parent while building, then a length and a code. Leaves are symbols
 * 0..elems-1; internal nodes are numbered from elems up.
 */
final class DeflateTree {
    /**
     * Leaf: symbol count in the current block. Internal nodes keep their weights in the heap
     * entries (see BlockWriter), and their slots here stay 0.
     */
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
    /** Longest code length allowed for this alphabet. */
    final int maxLength;
    /**
     * Per node, the extra bits that follow the symbol's code; 0 for symbols without them and for
     * internal nodes. Indexed by node so that the cost pass of tree building needs no test for
     * leaves (internal nodes have frequency 0 here, so they add nothing).
     */
    final int[] extraByNode;
    /**
     * Per node, the bits a symbol costs in the fixed code, extra bits included; 0 for internal
     * nodes, and for every node of the code-length alphabet, which has no fixed code.
     */
    final int[] fixedByNode;

    /**
     * @param extraBits extra bits of the symbols from extraBase on
     * @param staticLen lengths of the fixed code, or null for the code-length alphabet
     */
    DeflateTree(int nodes, int elems, int[] extraBits, int extraBase, int maxLength, int[] staticLen) {
        this.freq = new int[nodes];
        this.dad = new int[nodes];
        this.len = new int[nodes];
        this.code = new int[nodes];
        this.symbols = new int[elems];
        this.elems = elems;
        this.maxLength = maxLength;
        this.extraByNode = new int[nodes];
        this.fixedByNode = new int[nodes];
        for (int n = 0; n < elems; n++) {
            extraByNode[n] = n >= extraBase ? extraBits[n - extraBase] : 0;
            fixedByNode[n] = staticLen == null ? 0 : staticLen[n] + extraByNode[n];
        }
    }
}
