package io.warpdrive.soft;

import java.nio.ByteBuffer;

import static io.warpdrive.soft.DeflateTables.BL_CODES;
import static io.warpdrive.soft.DeflateTables.D_CODES;
import static io.warpdrive.soft.DeflateTables.EXTRA_BLBITS;
import static io.warpdrive.soft.DeflateTables.EXTRA_DBITS;
import static io.warpdrive.soft.DeflateTables.EXTRA_LBITS;
import static io.warpdrive.soft.DeflateTables.HEAP_SIZE;
import static io.warpdrive.soft.DeflateTables.LITERALS;
import static io.warpdrive.soft.DeflateTables.L_CODES;
import static io.warpdrive.soft.DeflateTables.MAX_BITS;
import static io.warpdrive.soft.DeflateTables.MAX_BL_BITS;
import static io.warpdrive.soft.DeflateTables.MIN_LOOKAHEAD;
import static io.warpdrive.soft.DeflateTables.STATIC_DTREE_LEN;
import static io.warpdrive.soft.DeflateTables.STATIC_LTREE_LEN;

/**
 * Everything one deflate stream remembers between calls: zlib's z_stream and deflate_state,
 * as plain fields. Logic lives in the Deflate* classes as static methods over this object.
 *
 * <p>Geometry is fixed to what java.util.zip uses (windowBits 15, memLevel 8), so sizes are
 * constants. Heap use is about 280 KiB: window 64 KiB (+8 bytes of slack for word reads), prev
 * and head 64 KiB each (16-bit positions in {@code char}s), pending/symbol buffer 64 KiB, trees
 * and block-writer tables about 16 KiB. As in zlib, the symbol buffer lives inside the pending buffer: the compressed bits
 * written while a block is emitted provably never catch up with the symbols still to be read.
 */
final class DeflaterState {
    // ---- stream status (zlib's values) ----
    static final int INIT_STATE = 42;
    static final int BUSY_STATE = 113;
    static final int FINISH_STATE = 666;

    // ---- fixed geometry ----
    static final int W_BITS = 15;
    /** LZ77 window: matches reach back at most this far. */
    static final int W_SIZE = 1 << W_BITS;
    static final int W_MASK = W_SIZE - 1;
    /** The window array holds two windows; input is appended and the upper half slides down. */
    static final int WINDOW_SIZE = 2 * W_SIZE;
    /** Extra bytes after the window so match comparison can read 8 bytes at a time past 258. */
    static final int WINDOW_SLACK = 8;
    /** Farthest match distance: a window minus the lookahead that must stay ahead. */
    static final int MAX_DIST = W_SIZE - MIN_LOOKAHEAD;
    static final int HASH_BITS = 15;
    static final int HASH_SIZE = 1 << HASH_BITS;
    static final int HASH_MASK = HASH_SIZE - 1;
    /** Shift per byte so that after 3 bytes the oldest one has left the 15-bit hash. */
    static final int HASH_SHIFT = 5;
    /** Symbols per block (memLevel 8): 16K. */
    static final int LIT_BUFSIZE = 1 << 14;
    static final int PENDING_BUF_SIZE = 4 * LIT_BUFSIZE;
    /** Offset of the symbol buffer (3 bytes per symbol) inside the pending buffer. */
    static final int SYM_BUF = LIT_BUFSIZE;
    /** The block is full when the symbol index reaches this (one symbol short of the space). */
    static final int SYM_END = (LIT_BUFSIZE - 1) * 3;
    /** Position meaning "no string" in head/prev; position 0 is therefore never matched. */
    static final int NIL = 0;

    // ---- stream: input ----
    /** Input array, or null when reading from {@link #inBuf}. */
    byte[] inArr;
    /** Input buffer read with absolute gets (direct or read-only), or null. */
    ByteBuffer inBuf;
    /** Index of the next input byte in inArr/inBuf. */
    int nextIn;
    /** Input bytes left. */
    int availIn;
    /** Bytes consumed since reset. */
    long totalIn;

    // ---- stream: output ----
    byte[] outArr;
    ByteBuffer outBuf;
    /** Index of the next output byte in outArr/outBuf. */
    int nextOut;
    /** Output space left in bytes. */
    int availOut;
    /** Bytes produced since reset. */
    long totalOut;

    /** Adler-32 of the input so far (zlib wrapper), or of the dictionary before the header. */
    int adler;
    /** zlib's strm->msg: text of the last error, kept until reset. */
    String msg;

    // ---- framing ----
    /** INIT_STATE, BUSY_STATE or FINISH_STATE. */
    int status;
    /** 1: zlib wrapper, 0: raw; negated once the trailer is written. */
    int wrap;
    /** Flush value of the previous deflate call; -2 fresh after reset, -1 after output filled. */
    int lastFlush;

    // ---- pending output ----
    /** Bytes ready for output (header, blocks, trailer); also hosts the symbol buffer. */
    final byte[] pendingBuf = new byte[PENDING_BUF_SIZE];
    /** Index in pendingBuf of the next byte to copy out. */
    int pendingOut;
    /** Number of bytes waiting in pendingBuf from pendingOut on. */
    int pending;
    /** Bit accumulator: bits not yet in pendingBuf, LSB first. */
    long biBuf;
    /** Number of valid bits in biBuf; at most 7 after every flush of whole bytes. */
    int biValid;

    // ---- LZ77 window and hash chains ----
    final byte[] window = new byte[WINDOW_SIZE + WINDOW_SLACK];
    /** prev[pos & W_MASK]: previous position with the same hash, or NIL. */
    final char[] prev = new char[W_SIZE];
    /** head[hash]: most recent position with this hash, or NIL. */
    final char[] head = new char[HASH_SIZE];
    /** Rolling hash of the 3 bytes at the string being inserted. */
    int insH;
    /** Window position of the first byte of the current block; negative once slid out. */
    int blockStart;
    /** Position of the string being processed. */
    int strstart;
    /** Valid input bytes from strstart on. */
    int lookahead;
    /** Bytes before strstart whose strings still need to go into the hash table. */
    int insert;
    /** Length of the best match at strstart (or of the last one found). */
    int matchLength;
    /** Position of that match. */
    int matchStart;
    /** Lazy matching: best match length at the previous position. */
    int prevLength;
    /** Lazy matching: position of that match. */
    int prevMatch;
    /** Lazy matching: the byte before strstart is not yet emitted. */
    boolean matchAvailable;
    /**
     * Level 0 only: hash slides owed to the table (1) or a clear (2) should the level switch
     * back to one that matches (zlib's s->matches; reset when a block starts).
     */
    int matches;

    /**
     * False once window bytes below the data end were overwritten (a slide, a stored pass):
     * until then every string in {@link #head} is a window position below the data end that
     * hashes to the slot it sits in, and the next clear can be exact or skipped.
     */
    boolean headClearExact;
    /**
     * The window position that stands for zlib's position 0 (its NIL) in this stream; 0 but
     * after a restart that skipped the hash clear (see {@link DeflateWindow#restart}). Every
     * chain entry at or below it is history from before the restart and counts as NIL; every
     * position zlib would see as p is p + base here.
     */
    int base;
    /** The low end of prev while {@link DeflateWindow#rebase} rotates it; made on first use. */
    char[] rebaseSpill;

    // ---- parameters ----
    int level;
    int strategy;
    int maxChainLength;
    /** Lazy matcher: no lazy search beyond this length. Greedy matcher: max length whose strings are inserted. */
    int maxLazyMatch;
    int goodMatch;
    int niceMatch;

    // ---- block under construction ----
    /** Next free byte index in the symbol buffer (relative to SYM_BUF). */
    int symNext;
    /** Bit length of the block with the dynamic trees / with the fixed trees. */
    long optLen;
    long staticLen;

    final DeflateTree lTree = new DeflateTree(HEAP_SIZE, L_CODES, EXTRA_LBITS, LITERALS + 1, MAX_BITS,
            STATIC_LTREE_LEN);
    final DeflateTree dTree = new DeflateTree(2 * D_CODES + 1, D_CODES, EXTRA_DBITS, 0, MAX_BITS,
            STATIC_DTREE_LEN);
    final DeflateTree blTree = new DeflateTree(2 * BL_CODES + 1, BL_CODES, EXTRA_BLBITS, 0, MAX_BL_BITS,
            null);
    /**
     * Codes per length of the tree being built, at 0..MAX_BITS; the upper half counts internal
     * nodes by depth, which tree building tallies there rather than test each node for.
     */
    final int[] blCount = new int[2 << BL_COUNT_INTERNAL_SHIFT];
    /** Shift of the internal-node half of {@link #blCount}: lengths are at most MAX_BITS = 15. */
    static final int BL_COUNT_INTERNAL_SHIFT = 4;
    /**
     * Tree construction: from 1 on a binary heap of nodes with their sort keys (see
     * BlockWriter); from heapMax on, the nodes in the order they left it.
     */
    final int[] heap = new int[2 * L_CODES + 1];
    /** Start of the sorted tail of heap after a tree was built. */
    int heapMax;
    /** The current block's codes as compressBlock's lookup tables (see BlockWriter.pack). */
    final int[] litPack = new int[LITERALS + 1];
    final int[] lenPack = new int[256];
    final int[] distPack = new int[D_CODES];
    /**
     * Both trees' lengths as code-length symbols (symbol | extra value &lt;&lt; 8 | extra bits
     * &lt;&lt; 16), recorded while counting them and replayed when sending the block header.
     */
    final int[] blSyms = new int[L_CODES + D_CODES];
    int blSymCount;
    /** Scratch for canonical code assignment: next code per length. */
    final int[] nextCode = new int[MAX_BITS + 1];

    /** Scratch for copying input that sits in a direct buffer into a checksum; lazily made. */
    byte[] scratch;
}
