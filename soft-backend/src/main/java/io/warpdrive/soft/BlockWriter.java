package io.warpdrive.soft;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import static io.warpdrive.soft.DeflateTables.BASE_DIST;
import static io.warpdrive.soft.DeflateTables.BASE_LENGTH;
import static io.warpdrive.soft.DeflateTables.BL_CODES;
import static io.warpdrive.soft.DeflateTables.BL_ORDER;
import static io.warpdrive.soft.DeflateTables.DIST_CODE;
import static io.warpdrive.soft.DeflateTables.DYN_TREES;
import static io.warpdrive.soft.DeflateTables.D_CODES;
import static io.warpdrive.soft.DeflateTables.END_BLOCK;
import static io.warpdrive.soft.DeflateTables.EXTRA_DBITS;
import static io.warpdrive.soft.DeflateTables.EXTRA_LBITS;
import static io.warpdrive.soft.DeflateTables.HEAP_SIZE;
import static io.warpdrive.soft.DeflateTables.LENGTH_CODE;
import static io.warpdrive.soft.DeflateTables.LITERALS;
import static io.warpdrive.soft.DeflateTables.L_CODES;
import static io.warpdrive.soft.DeflateTables.REPZ_11_138;
import static io.warpdrive.soft.DeflateTables.REPZ_3_10;
import static io.warpdrive.soft.DeflateTables.REP_3_6;
import static io.warpdrive.soft.DeflateTables.STATIC_DTREE_CODE;
import static io.warpdrive.soft.DeflateTables.STATIC_DTREE_LEN;
import static io.warpdrive.soft.DeflateTables.STATIC_LTREE_CODE;
import static io.warpdrive.soft.DeflateTables.STATIC_LTREE_LEN;
import static io.warpdrive.soft.DeflateTables.STATIC_TREES;
import static io.warpdrive.soft.DeflateTables.STORED_BLOCK;
import static io.warpdrive.soft.DeflaterState.BL_COUNT_INTERNAL_SHIFT;

/**
 * The block writer (zlib's trees.c): symbol tallies, Huffman tree construction, the choice
 * between stored, fixed and dynamic blocks, and emitting a block.
 *
 * <p>The output must equal zlib's bit for bit, so tree construction follows zlib's exact
 * procedure: a binary heap ordered by (frequency, subtree depth), nodes combined pairwise,
 * lengths capped by zlib's overflow repair, canonical codes. Any other optimal-length algorithm
 * could pick a different (equally good) tree and change the bytes.
 *
 * <p>Symbols are kept as zlib keeps them, 3 bytes each in the pending buffer's symbol area:
 * distance (2 bytes, 0 for a literal) then literal or length - 3.
 */
final class BlockWriter {
    private BlockWriter() {
    }

    private static final VarHandle LE_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int SMALLEST = 1;

    /**
     * Blocks with fewer symbols are written straight from the trees: packing the lookup
     * tables (about 540 entries) would cost more than it saves.
     */
    private static final int PACK_MIN_SYMBOLS = 1024;

    /** {@link #pack}ed fixed code, made once. */
    private static final int[] STATIC_LIT = new int[END_BLOCK + 1];
    private static final int[] STATIC_LEN = new int[256];
    private static final int[] STATIC_DIST = new int[D_CODES];

    static {
        pack(STATIC_LTREE_CODE, STATIC_LTREE_LEN, STATIC_DTREE_CODE, STATIC_DTREE_LEN, STATIC_LIT, STATIC_LEN, STATIC_DIST);
    }

    /** Starts a stream: empty bit buffer, empty block. */
    static void init(DeflaterState s) {
        s.biBuf = 0;
        s.biValid = 0;
        initBlock(s);
    }

    /** Starts a block: zero counts; END_BLOCK occurs exactly once per block. */
    static void initBlock(DeflaterState s) {
        java.util.Arrays.fill(s.lTree.freq, 0, L_CODES, 0);
        java.util.Arrays.fill(s.dTree.freq, 0, D_CODES, 0);
        java.util.Arrays.fill(s.blTree.freq, 0, BL_CODES, 0);
        s.lTree.freq[END_BLOCK] = 1;
        s.optLen = 0;
        s.staticLen = 0;
        s.symNext = 0;
        s.matches = 0;
    }

    // ------------------------------------------------------------------ tree construction

    /**
     * Heap entries carry their sort key with them: (weight &lt;&lt; 5 | subtree depth) &lt;&lt; 10 | node.
     * zlib orders nodes by "smaller weight, or equal weight and not deeper", which is exactly the
     * order of the key part (entry &gt;&gt;&gt; 10); equal keys compare equal, never by node number,
     * so the heap moves exactly as zlib's. Weights stay below 2^15 (a block holds at most 16384
     * symbols) and depths below 32 (a Huffman tree of that weight is at most ~23 deep).
     */
    private static final int NODE_BITS = 10;
    private static final int NODE_MASK = (1 << NODE_BITS) - 1;
    private static final int DEPTH_BITS = 5;

    /**
     * Sifts heap[k] down to restore the heap property. The child choice is branch-free (its
     * outcome is a coin toss for the branch predictor): a sentinel above every key at
     * heap[heapLen + 1] stands in for a missing right child. That slot is free: the sorted tail
     * (from heapMax) always starts at least two slots above the heap.
     */
    private static void pqDownHeap(int[] heap, int heapLen, int k) {
        int v = heap[k];
        int vKey = v >>> NODE_BITS;
        heap[heapLen + 1] = Integer.MAX_VALUE;
        int j = k << 1;
        while (j <= heapLen) {
            int hj = heap[j];
            int hj1 = heap[j + 1];
            // -1 when the right child sorts first or ties (zlib then takes the right one).
            int right = ((hj1 >>> NODE_BITS) - (hj >>> NODE_BITS) - 1) >> 31;
            j -= right;
            hj = (hj1 & right) | (hj & ~right);
            if (vKey <= (hj >>> NODE_BITS)) {
                break;
            }
            heap[k] = hj;
            k = j;
            j <<= 1;
        }
        heap[k] = v;
    }

    /**
     * Assigns code lengths from the built tree (parents before children, as heap[heapMax..]
     * lists nodes by decreasing closeness to the root), caps them at the tree's maximum and,
     * when capping happened, redistributes lengths the way zlib does so that the code stays
     * complete. Adds the block's cost with these lengths (and with the fixed code) to
     * optLen/staticLen.
     */
    private static void genBitLen(DeflaterState s, DeflateTree desc) {
        int[] freq = desc.freq;
        int[] dad = desc.dad;
        int[] len = desc.len;
        int maxCode = desc.maxCode;
        int[] extra = desc.extraByNode;
        int[] fixed = desc.fixedByNode;
        int maxLength = desc.maxLength;
        int[] blCount = s.blCount;
        int[] heap = s.heap;
        int overflow = 0;

        java.util.Arrays.fill(blCount, 0);
        len[heap[s.heapMax]] = 0; // the root

        // Leaves and internal nodes come interleaved in no order a branch predictor learns, so
        // none is tested for: an internal node (above maxCode) counts in blCount's upper half,
        // and its frequency slot (0) makes its costs 0.
        long optLen = 0;
        long staticLen = 0;
        int h;
        for (h = s.heapMax + 1; h < HEAP_SIZE; h++) {
            int n = heap[h];
            int bits = len[dad[n]] + 1;
            if (bits > maxLength) {
                bits = maxLength;
                overflow++;
            }
            len[n] = bits;
            blCount[bits | ((maxCode - n) >>> 31) << BL_COUNT_INTERNAL_SHIFT]++;
            int f = freq[n];
            optLen += f * (bits + extra[n]);
            staticLen += f * fixed[n];
        }
        s.optLen += optLen;
        s.staticLen += staticLen;
        if (overflow == 0) {
            return;
        }
        // Some leaves were cut to maxLength: move leaves down from the deepest non-full level
        // until the code is complete again (zlib's repair, so the lengths come out the same).
        do {
            int bits = maxLength - 1;
            while (blCount[bits] == 0) {
                bits--;
            }
            blCount[bits]--;
            blCount[bits + 1] += 2;
            blCount[maxLength]--;
            overflow -= 2;
        } while (overflow > 0);
        // Hand out the lengths again in increasing frequency order (heap tail is sorted).
        h = HEAP_SIZE;
        for (int bits = maxLength; bits != 0; bits--) {
            int n = blCount[bits];
            while (n != 0) {
                int m = heap[--h];
                if (m > maxCode) {
                    continue;
                }
                if (len[m] != bits) {
                    s.optLen += ((long) bits - len[m]) * freq[m];
                    len[m] = bits;
                }
                n--;
            }
        }
    }

    /**
     * Puts the used symbols (non-zero frequency) in ascending order into symbols[0..count) and
     * as depth-0 heap entries into heap[1..count]; returns count. A small block uses a fraction
     * of the alphabet in a pattern no branch predictor learns, so every symbol is written to
     * the next free slot, which only a used one keeps, and groups of 8 unused symbols (most of
     * a small block's literal alphabet) are passed over at once.
     */
    private static int collectLeaves(int[] freq, int elems, int[] heap, int[] symbols) {
        final int leaf = DEPTH_BITS + NODE_BITS;
        int count = 0;
        for (int x = 0; x < elems; x += 8) {
            int end = Math.min(x + 8, elems);
            if (end - x == 8 && (freq[x] | freq[x + 1] | freq[x + 2] | freq[x + 3]
                    | freq[x + 4] | freq[x + 5] | freq[x + 6] | freq[x + 7]) == 0) {
                continue;
            }
            for (int n = x; n < end; n++) {
                int f = freq[n];
                heap[count + 1] = f << leaf | n;
                symbols[count] = n;
                count += -f >>> 31; // frequencies are never negative
            }
        }
        return count;
    }

    /** Builds the Huffman tree for desc's frequencies; sets lengths, codes and maxCode. */
    private static void buildTree(DeflaterState s, DeflateTree desc) {
        int[] freq = desc.freq;
        int[] len = desc.len;
        int[] dad = desc.dad;
        int elems = desc.elems;
        int[] heap = s.heap;
        int[] symbols = desc.symbols;
        final int leaf = DEPTH_BITS + NODE_BITS; // shift of a weight in an entry of depth 0

        int heapLen = collectLeaves(freq, elems, heap, symbols);
        java.util.Arrays.fill(len, 0, elems, 0);
        int maxCode = heapLen == 0 ? -1 : symbols[heapLen - 1];
        if (heapLen < 2) {
            // The format wants at least one distance code, and a code needs two symbols to
            // have one bit: force symbols 0/1 (no extra bits) in with frequency 1 until there
            // are two.
            do {
                int node = maxCode < 2 ? ++maxCode : 0;
                heap[++heapLen] = 1 << leaf | node;
                freq[node] = 1;
                s.optLen--;
                s.staticLen -= desc.fixedByNode[node]; // forced symbols have no extra bits
            } while (heapLen < 2);
            symbols[0] = Math.min(heap[1] & NODE_MASK, heap[2] & NODE_MASK);
            symbols[1] = Math.max(heap[1] & NODE_MASK, heap[2] & NODE_MASK);
        }
        desc.maxCode = maxCode;
        desc.symbolCount = heapLen;

        for (int n = heapLen / 2; n >= 1; n--) {
            pqDownHeap(heap, heapLen, n);
        }

        // Combine the two lightest nodes until one is left; heap[heapMax..] collects the nodes
        // in the order they leave the heap, lightest last (genBitLen walks it root first). The
        // two regions never meet: the heap shrinks by one per step, the tail grows by two.
        int heapMax = HEAP_SIZE;
        int node = elems;
        do {
            int en = heap[SMALLEST];
            heap[SMALLEST] = heap[heapLen--];
            pqDownHeap(heap, heapLen, SMALLEST);
            int em = heap[SMALLEST];
            int n = en & NODE_MASK;
            int m = em & NODE_MASK;

            heap[--heapMax] = n;
            heap[--heapMax] = m;

            int weight = (en >>> leaf) + (em >>> leaf);
            int depth = Math.max((en >>> NODE_BITS) & 31, (em >>> NODE_BITS) & 31) + 1;
            dad[n] = node;
            dad[m] = node;
            heap[SMALLEST] = (weight << DEPTH_BITS | depth) << NODE_BITS | node;
            node++;
            pqDownHeap(heap, heapLen, SMALLEST);
        } while (heapLen >= 2);
        heap[--heapMax] = heap[SMALLEST] & NODE_MASK;
        s.heapMax = heapMax;

        genBitLen(s, desc);
        assignCodes(desc, s.blCount, s.nextCode);
    }

    /** Canonical codes (bit-reversed) for the tree's used symbols, from genBitLen's counts. */
    private static void assignCodes(DeflateTree desc, int[] blCount, int[] nextCode) {
        DeflateTables.firstCodes(blCount, nextCode);
        int[] symbols = desc.symbols;
        int[] len = desc.len;
        int[] code = desc.code;
        for (int k = 0, count = desc.symbolCount; k < count; k++) {
            int n = symbols[k];
            int l = len[n];
            code[n] = DeflateTables.reverse(nextCode[l]++, l);
        }
    }

    /**
     * Run-length codes a tree's lengths 0..maxCode with the code-length alphabet (16: repeat
     * the previous length 3-6 times, 17/18: repeat zero 3-10 / 11-138 times), counting the
     * symbols for the code-length tree and recording them for sendAllTrees as
     * symbol | extra value &lt;&lt; 8 | extra bits &lt;&lt; 16.
     *
     * <p>zlib scans the lengths one by one; its choices depend only on the maximal runs of
     * equal lengths, each coded on its own (see {@link #zeroRun} and {@link #lengthRun}), so
     * this walks the used symbols and takes the zeros between them as whole runs (a small
     * block's literal tree has a few dozen used symbols among 286). zlib also makes these
     * decisions twice (scan, then send); recording them once gives the same symbols.
     */
    private static void scanTree(DeflaterState s, DeflateTree tree) {
        int[] len = tree.len;
        int[] symbols = tree.symbols;
        int[] blFreq = s.blTree.freq;
        int[] out = s.blSyms;
        int k = s.blSymCount;
        int next = 0; // first symbol not yet coded
        for (int i = 0, count = tree.symbolCount; i < count; i++) {
            int first = symbols[i];
            if (first > next) {
                k = zeroRun(blFreq, out, k, first - next);
            }
            int v = len[first];
            int last = first;
            while (i + 1 < count && symbols[i + 1] == last + 1 && len[last + 1] == v) {
                last++;
                i++;
            }
            k = lengthRun(blFreq, out, k, v, last - first + 1);
            next = last + 1;
        }
        s.blSymCount = k;
    }

    /**
     * Codes a maximal run of n zero lengths as zlib does: pieces of 138 while more remain,
     * then the rest, each piece as code 18 (11-138), 17 (3-10) or, below 3, plain zeros.
     */
    private static int zeroRun(int[] blFreq, int[] out, int k, int n) {
        for (; n > 138; n -= 138) {
            blFreq[REPZ_11_138]++;
            out[k++] = REPZ_11_138 | (138 - 11) << 8 | 7 << 16;
        }
        if (n < 3) {
            k = plainLengths(blFreq, out, k, 0, n);
        } else if (n <= 10) {
            blFreq[REPZ_3_10]++;
            out[k++] = REPZ_3_10 | (n - 3) << 8 | 3 << 16;
        } else {
            blFreq[REPZ_11_138]++;
            out[k++] = REPZ_11_138 | (n - 11) << 8 | 7 << 16;
        }
        return k;
    }

    /**
     * Codes a maximal run of n copies of the non-zero length v as zlib does: below 4 as plain
     * lengths; otherwise the length once and code 16 for up to 6 more, then pieces of up to 6,
     * each as code 16 or, below 3, plain lengths.
     */
    private static int lengthRun(int[] blFreq, int[] out, int k, int v, int n) {
        if (n < 4) {
            return plainLengths(blFreq, out, k, v, n);
        }
        blFreq[v]++;
        out[k++] = v;
        int first = Math.min(n, 7) - 1;
        blFreq[REP_3_6]++;
        out[k++] = REP_3_6 | (first - 3) << 8 | 2 << 16;
        for (n -= first + 1; n > 0; n -= 6) {
            int piece = Math.min(n, 6);
            if (piece < 3) {
                k = plainLengths(blFreq, out, k, v, piece);
            } else {
                blFreq[REP_3_6]++;
                out[k++] = REP_3_6 | (piece - 3) << 8 | 2 << 16;
            }
        }
        return k;
    }

    /** Codes n copies of the length v (0-15) as themselves, without a repeat code. */
    private static int plainLengths(int[] blFreq, int[] out, int k, int v, int n) {
        blFreq[v] += n;
        for (int i = 0; i < n; i++) {
            out[k++] = v;
        }
        return k;
    }

    /**
     * Builds the code-length tree for the two block trees and returns the index in BL_ORDER of
     * the last code-length code to send (at least 3: four are always sent).
     */
    private static int buildBlTree(DeflaterState s) {
        s.blSymCount = 0;
        scanTree(s, s.lTree);
        scanTree(s, s.dTree);
        buildTree(s, s.blTree);
        int maxBlIndex;
        for (maxBlIndex = BL_CODES - 1; maxBlIndex >= 3; maxBlIndex--) {
            if (s.blTree.len[BL_ORDER[maxBlIndex]] != 0) {
                break;
            }
        }
        // 3 bits per code-length code length, plus HLIT (5), HDIST (5), HCLEN (4).
        s.optLen += 3L * (maxBlIndex + 1) + 5 + 5 + 4;
        return maxBlIndex;
    }

    /**
     * Sends the dynamic block header after BTYPE: HLIT, HDIST, HCLEN, the code-length code's
     * lengths in BL_ORDER, then both trees' lengths as recorded by scanTree. The bit
     * accumulator stays in locals; one step adds at most 7 + 7 bits.
     */
    private static void sendAllTrees(DeflaterState s, int lcodes, int dcodes, int blcodes) {
        byte[] p = s.pendingBuf;
        int pending = s.pending;
        long buf = s.biBuf | (long) ((lcodes - 257) | (dcodes - 1) << 5 | (blcodes - 4) << 10) << s.biValid;
        int valid = s.biValid + 14;
        int[] blLen = s.blTree.len;
        int[] blCode = s.blTree.code;
        for (int rank = 0; rank < blcodes; rank++) {
            buf |= (long) blLen[BL_ORDER[rank]] << valid;
            valid += 3;
            if (valid >= 32) {
                LE_INT.set(p, pending, (int) buf);
                pending += 4;
                buf >>>= 32;
                valid -= 32;
            }
        }
        int[] syms = s.blSyms;
        for (int k = 0, n = s.blSymCount; k < n; k++) {
            int e = syms[k];
            int sym = e & 0xff;
            buf |= (long) blCode[sym] << valid;
            valid += blLen[sym];
            buf |= (long) ((e >>> 8) & 0xff) << valid;
            valid += e >>> 16;
            if (valid >= 32) {
                LE_INT.set(p, pending, (int) buf);
                pending += 4;
                buf >>>= 32;
                valid -= 32;
            }
        }
        s.pending = pending;
        s.biBuf = buf;
        s.biValid = valid;
    }

    // ------------------------------------------------------------------ blocks

    /**
     * Writes a stored block header and {@code storedLen} bytes of {@code buf} from {@code off}
     * into pending ({@code buf} may be null when storedLen is 0).
     */
    static void storedBlock(DeflaterState s, byte[] buf, int off, int storedLen, boolean last) {
        BitWriter.sendBits(s, (STORED_BLOCK << 1) + (last ? 1 : 0), 3);
        BitWriter.windup(s);
        BitWriter.putShortLSB(s, storedLen);
        BitWriter.putShortLSB(s, ~storedLen);
        if (storedLen != 0) {
            System.arraycopy(buf, off, s.pendingBuf, s.pending, storedLen);
        }
        s.pending += storedLen;
    }

    /** An empty fixed-code block (10 bits), zlib's Z_PARTIAL_FLUSH marker. */
    static void align(DeflaterState s) {
        BitWriter.sendBits(s, STATIC_TREES << 1, 3);
        BitWriter.sendBits(s, STATIC_LTREE_CODE[END_BLOCK], STATIC_LTREE_LEN[END_BLOCK]);
        BitWriter.flushBits(s);
    }

    /**
     * Ends the current block: picks the cheapest of stored, fixed and dynamic coding and writes
     * it. {@code bufOff} is the window offset of the block's bytes, or -1 when they have slid
     * out of the window (then a stored block is impossible).
     */
    static void flushBlock(DeflaterState s, int bufOff, int storedLen, boolean last) {
        long optLenb;
        long staticLenb;
        int maxBlIndex = 0;
        if (s.level > 0) {
            buildTree(s, s.lTree);
            buildTree(s, s.dTree);
            maxBlIndex = buildBlTree(s);
            // Block sizes in bytes, 3 header bits included, rounded up.
            optLenb = (s.optLen + 3 + 7) >>> 3;
            staticLenb = (s.staticLen + 3 + 7) >>> 3;
            if (staticLenb <= optLenb || s.strategy == SoftDeflater.FIXED) {
                optLenb = staticLenb;
            }
        } else {
            optLenb = staticLenb = (long) storedLen + 5; // force a stored block
        }

        if ((long) storedLen + 4 <= optLenb && bufOff >= 0) {
            storedBlock(s, s.window, bufOff, storedLen, last);
        } else if (staticLenb == optLenb) {
            BitWriter.sendBits(s, (STATIC_TREES << 1) + (last ? 1 : 0), 3);
            compressBlock(s, STATIC_LIT, STATIC_LEN, STATIC_DIST);
        } else {
            BitWriter.sendBits(s, (DYN_TREES << 1) + (last ? 1 : 0), 3);
            sendAllTrees(s, s.lTree.maxCode + 1, s.dTree.maxCode + 1, maxBlIndex + 1);
            if (s.symNext >= PACK_MIN_SYMBOLS * 3) {
                pack(s.lTree.code, s.lTree.len, s.dTree.code, s.dTree.len, s.litPack, s.lenPack, s.distPack);
                compressBlock(s, s.litPack, s.lenPack, s.distPack);
            } else {
                compressSmallBlock(s, s.lTree.code, s.lTree.len, s.dTree.code, s.dTree.len);
            }
        }
        initBlock(s);
        if (last) {
            BitWriter.windup(s);
        }
    }

    /**
     * Ends the current block at strstart (zlib's FLUSH_BLOCK_ONLY): writes it, starts the next
     * one there and hands out what fits of the output. Callers check availOut afterwards.
     */
    static void flushBlockOnly(DeflaterState s, boolean last) {
        flushBlock(s, s.blockStart >= 0 ? s.blockStart : -1, s.strstart - s.blockStart, last);
        s.blockStart = s.strstart;
        DeflateStream.flushPending(s);
    }

    /**
     * Packs a literal/length and a distance code into the lookup tables compressBlock uses:
     * lit[c] = code | length &lt;&lt; 16 for literals and END_BLOCK; len[lc] = the length code
     * with its extra bits already appended | total bits &lt;&lt; 24, for match length - 3 in 0..255;
     * dist[d] = code | length &lt;&lt; 16 | extra bits &lt;&lt; 24.
     */
    static void pack(int[] lCode, int[] lLen, int[] dCode, int[] dLen, int[] lit, int[] len, int[] dist) {
        for (int c = 0; c <= END_BLOCK; c++) {
            lit[c] = lCode[c] | lLen[c] << 16;
        }
        for (int lc = 0; lc < 256; lc++) {
            int code = LENGTH_CODE[lc];
            int sym = code + LITERALS + 1;
            len[lc] = (lCode[sym] | (lc - BASE_LENGTH[code]) << lLen[sym]) | (lLen[sym] + EXTRA_LBITS[code]) << 24;
        }
        for (int d = 0; d < D_CODES; d++) {
            dist[d] = dCode[d] | dLen[d] << 16 | EXTRA_DBITS[d] << 24;
        }
    }

    /**
     * Emits the block's symbols, then END_BLOCK, with codes from tables made by {@link #pack}.
     * The hot loop keeps the accumulator in locals and spills 32 bits at a time: at most 31
     * bits are held between steps, a literal or a length with its extra bits adds at most 20,
     * a distance with its extra bits at most 28, so the 64-bit accumulator never overflows.
     */
    private static void compressBlock(DeflaterState s, int[] lit, int[] len, int[] dist) {
        byte[] p = s.pendingBuf;
        int pending = s.pending;
        long buf = s.biBuf;
        int valid = s.biValid;
        int sx = DeflaterState.SYM_BUF;
        int end = DeflaterState.SYM_BUF + s.symNext;
        while (sx < end) {
            int d = (p[sx] & 0xff) | ((p[sx + 1] & 0xff) << 8);
            int lc = p[sx + 2] & 0xff;
            sx += 3;
            if (d == 0) {
                int e = lit[lc];
                buf |= (long) (e & 0xffff) << valid;
                valid += e >>> 16;
            } else {
                int e = len[lc];
                buf |= (long) (e & 0xffffff) << valid;
                valid += e >>> 24;
                if (valid >= 32) {
                    LE_INT.set(p, pending, (int) buf);
                    pending += 4;
                    buf >>>= 32;
                    valid -= 32;
                }
                d--;
                int code = d < 256 ? DIST_CODE[d] : DIST_CODE[256 + (d >>> 7)];
                int t = dist[code];
                int codeLen = (t >>> 16) & 0xff;
                buf |= (long) ((t & 0xffff) | (d - BASE_DIST[code]) << codeLen) << valid;
                valid += codeLen + (t >>> 24);
            }
            if (valid >= 32) {
                LE_INT.set(p, pending, (int) buf);
                pending += 4;
                buf >>>= 32;
                valid -= 32;
            }
        }
        int e = lit[END_BLOCK];
        buf |= (long) (e & 0xffff) << valid;
        valid += e >>> 16;
        if (valid >= 32) {
            LE_INT.set(p, pending, (int) buf);
            pending += 4;
            buf >>>= 32;
            valid -= 32;
        }
        s.pending = pending;
        s.biBuf = buf;
        s.biValid = valid;
    }

    /**
     * compressBlock for small blocks, reading the trees' code and length arrays directly. Same
     * accumulator discipline as compressBlock: at most 31 bits held, at most 20 + 28 added per
     * symbol in two steps.
     */
    private static void compressSmallBlock(DeflaterState s, int[] lCode, int[] lLen, int[] dCode, int[] dLen) {
        byte[] p = s.pendingBuf;
        int pending = s.pending;
        long buf = s.biBuf;
        int valid = s.biValid;
        int end = DeflaterState.SYM_BUF + s.symNext;
        for (int sx = DeflaterState.SYM_BUF; sx < end; sx += 3) {
            int d = (p[sx] & 0xff) | ((p[sx + 1] & 0xff) << 8);
            int lc = p[sx + 2] & 0xff;
            if (d == 0) {
                buf |= (long) lCode[lc] << valid;
                valid += lLen[lc];
            } else {
                int code = LENGTH_CODE[lc];
                int sym = code + LITERALS + 1;
                buf |= (long) lCode[sym] << valid;
                valid += lLen[sym];
                buf |= (long) (lc - BASE_LENGTH[code]) << valid;
                valid += EXTRA_LBITS[code];
                if (valid >= 32) {
                    LE_INT.set(p, pending, (int) buf);
                    pending += 4;
                    buf >>>= 32;
                    valid -= 32;
                }
                d--;
                code = d < 256 ? DIST_CODE[d] : DIST_CODE[256 + (d >>> 7)];
                buf |= (long) dCode[code] << valid;
                valid += dLen[code];
                buf |= (long) (d - BASE_DIST[code]) << valid;
                valid += EXTRA_DBITS[code];
            }
            if (valid >= 32) {
                LE_INT.set(p, pending, (int) buf);
                pending += 4;
                buf >>>= 32;
                valid -= 32;
            }
        }
        buf |= (long) lCode[END_BLOCK] << valid;
        valid += lLen[END_BLOCK];
        if (valid >= 32) {
            LE_INT.set(p, pending, (int) buf);
            pending += 4;
            buf >>>= 32;
            valid -= 32;
        }
        s.pending = pending;
        s.biBuf = buf;
        s.biValid = valid;
    }

    /**
     * Tallies a literal; returns true when the symbol buffer is full and the block must end.
     * The match finders inline this; kept for the cold paths.
     */
    static boolean tallyLit(DeflaterState s, int c) {
        byte[] p = s.pendingBuf;
        int i = DeflaterState.SYM_BUF + s.symNext;
        p[i] = 0;
        p[i + 1] = 0;
        p[i + 2] = (byte) c;
        s.symNext += 3;
        s.lTree.freq[c & 0xff]++;
        return s.symNext == DeflaterState.SYM_END;
    }

    /** Tallies a match (distance 1..32768, length - 3 in 0..255); true when the block is full. */
    static boolean tallyDist(DeflaterState s, int dist, int lenMinus3) {
        byte[] p = s.pendingBuf;
        int i = DeflaterState.SYM_BUF + s.symNext;
        p[i] = (byte) dist;
        p[i + 1] = (byte) (dist >>> 8);
        p[i + 2] = (byte) lenMinus3;
        s.symNext += 3;
        s.lTree.freq[LENGTH_CODE[lenMinus3] + LITERALS + 1]++;
        s.dTree.freq[DeflateTables.dCode(dist - 1)]++;
        return s.symNext == DeflaterState.SYM_END;
    }
}
