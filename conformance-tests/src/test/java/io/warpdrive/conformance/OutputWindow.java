/*
 * Output buffers for one side of a Lockstep, reused across calls so that a large window costs
 * O(bytes written) per call rather than O(window): the backing memory always holds a fixed filler
 * pattern except where the last call wrote, which is checked, copied out and restored.
 *
 * Layout of the backing memory: GUARD bytes, then [pad | window of len | pad], then more filler.
 * Everything but [GUARD + pad, GUARD + pad + written) must still be filler after a call; large
 * ranges are checked at both ends (8 KiB each), where a stray write would land.
 */
package io.warpdrive.conformance;

import java.nio.ByteBuffer;

/** Reusable patterned output memory (byte[], heap ByteBuffer, direct ByteBuffer) for one inflater. */
final class OutputWindow {
    /** Bytes before the window region; also the arrayOffset of heap ByteBuffers. */
    static final int GUARD = 3;
    /** Filler bytes checked after the window's trailing pad. */
    private static final int AFTER = 64;
    private static final int SAMPLE = 8192;

    private byte[] pattern = new byte[0];
    private byte[] heap = new byte[0];
    private ByteBuffer direct;

    /** The byte[] for the byte[] form; the window starts at {@link #offset(int)}. */
    byte[] array(int pad, int len) {
        ensure(GUARD + 2 * pad + len + AFTER);
        return heap;
    }

    static int offset(int pad) {
        return GUARD + pad;
    }

    /** A heap buffer over [GUARD, GUARD + total) (arrayOffset GUARD), positioned at the window. */
    ByteBuffer heapBuffer(int pad, int len) {
        int total = 2 * pad + len;
        ensure(GUARD + total + AFTER);
        ByteBuffer b = ByteBuffer.wrap(heap, GUARD, total).slice();
        b.position(pad).limit(pad + len);
        return b;
    }

    /** A direct buffer of capacity total (pads included), positioned at the window. */
    ByteBuffer directBuffer(int pad, int len) {
        int total = 2 * pad + len;
        ensure(GUARD + total + AFTER);
        ByteBuffer b = direct.slice(GUARD, total);
        b.position(pad).limit(pad + len);
        return b;
    }

    /** The written bytes of the last call, for the given form. */
    byte[] written(Plan.OutKind kind, int pad, int written) {
        byte[] out = new byte[written];
        if (kind == Plan.OutKind.DIRECT) {
            direct.get(GUARD + pad, out);
        } else {
            System.arraycopy(heap, GUARD + pad, out, 0, written);
        }
        return out;
    }

    /**
     * Offset (relative to the window start) of the first filler byte that changed outside the
     * written region, or Integer.MIN_VALUE when none did.
     */
    int strayWrite(Plan.OutKind kind, int pad, int len, int written) {
        int start = GUARD + pad;
        int end = GUARD + 2 * pad + len + AFTER;
        int w0 = start;
        int w1 = start + written;
        int bad = check(kind, 0, w0);
        if (bad < 0) {
            bad = check(kind, w1, end);
        }
        return bad < 0 ? Integer.MIN_VALUE : bad - start;
    }

    /** Puts the filler back over the written region. */
    void restore(Plan.OutKind kind, int pad, int written) {
        int at = GUARD + pad;
        if (kind == Plan.OutKind.DIRECT) {
            direct.put(at, pattern, at, written);
        } else {
            System.arraycopy(pattern, at, heap, at, written);
        }
    }

    private int check(Plan.OutKind kind, int from, int to) {
        if (to - from <= 2 * SAMPLE) {
            return scan(kind, from, to);
        }
        int bad = scan(kind, from, from + SAMPLE);
        return bad >= 0 ? bad : scan(kind, to - SAMPLE, to);
    }

    private int scan(Plan.OutKind kind, int from, int to) {
        if (kind == Plan.OutKind.DIRECT) {
            for (int i = from; i < to; i++) {
                if (direct.get(i) != pattern[i]) {
                    return i;
                }
            }
        } else {
            int i = java.util.Arrays.mismatch(heap, from, to, pattern, from, to);
            if (i >= 0) {
                return from + i;
            }
        }
        return -1;
    }

    private void ensure(int size) {
        if (heap.length >= size) {
            return;
        }
        int n = Math.max(size, Math.min(2 * heap.length, size + (1 << 20)));
        pattern = Lockstep.pattern(n, 1);
        heap = pattern.clone();
        direct = ByteBuffer.allocateDirect(n);
        direct.put(0, pattern);
    }
}
