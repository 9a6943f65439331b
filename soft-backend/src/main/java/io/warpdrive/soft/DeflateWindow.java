package io.warpdrive.soft;

import java.util.Arrays;

import static io.warpdrive.soft.DeflateTables.MAX_MATCH;
import static io.warpdrive.soft.DeflateTables.MIN_LOOKAHEAD;
import static io.warpdrive.soft.DeflateTables.MIN_MATCH;
import static io.warpdrive.soft.DeflaterState.HASH_BITS;
import static io.warpdrive.soft.DeflaterState.HASH_MASK;
import static io.warpdrive.soft.DeflaterState.HASH_SIZE;
import static io.warpdrive.soft.DeflaterState.HASH_SHIFT;
import static io.warpdrive.soft.DeflaterState.MAX_DIST;
import static io.warpdrive.soft.DeflaterState.WINDOW_SIZE;
import static io.warpdrive.soft.DeflaterState.WINDOW_SLACK;
import static io.warpdrive.soft.DeflaterState.W_MASK;
import static io.warpdrive.soft.DeflaterState.W_SIZE;

/**
 * The sliding window and its hash chains: refilling from input (fill_window), sliding the upper
 * half down, and clearing or sliding the hash table.
 *
 * <p>Unlike zlib we do not zero the bytes past the end of the data: zlib's match finders may
 * read them, but a match is cut to the lookahead and a search stops as soon as a candidate
 * reaches the lookahead, so those bytes never change the output (zlib itself reads
 * uninitialised memory there and is deterministic for that reason).
 */
final class DeflateWindow {
    private DeflateWindow() {
    }

    /**
     * Largest data extent for which a clear rehashes the window (touching only the head slots
     * that can be set) instead of zeroing all 32K slots. Zeroing 64 KiB takes about as long as
     * rehashing 600-700 positions (measured: 0.75 us against 0.8-1.3 us for 1024), and leaves
     * the table in cache for the next message.
     */
    static final int EXACT_CLEAR_LIMIT = 512;

    /** Hash of the 3 bytes at window[p]. */
    static int hash3(byte[] w, int p) {
        int h = w[p] & 0xff;
        h = ((h << HASH_SHIFT) ^ (w[p + 1] & 0xff)) & HASH_MASK;
        return ((h << HASH_SHIFT) ^ (w[p + 2] & 0xff)) & HASH_MASK;
    }

    /**
     * Empties the hash table (zlib's CLEAR_HASH). While no window byte below the data end has
     * been overwritten since the last clear, every string in the table is one of the positions
     * 0..end-1 and hashes to the same slot as when it was inserted, so zeroing those slots is a
     * full clear; small messages on a reused deflater then pay for their own size only.
     */
    static void clearHash(DeflaterState s) {
        int end = s.strstart + s.lookahead;
        char[] head = s.head;
        if (s.headClearExact && end <= EXACT_CLEAR_LIMIT) {
            byte[] w = s.window;
            for (int p = 0; p < end; p++) {
                head[hash3(w, p)] = 0;
            }
        } else {
            Arrays.fill(head, (char) 0);
        }
        s.headClearExact = true;
    }

    /**
     * Largest data end up to which a restart moves the stream's origin instead of clearing the
     * hash table. A stream restarted at base b has WINDOW_SIZE - b bytes of window before its
     * first slide, and before reading input that needs more room it is {@link #rebase}d (20 us
     * measured, against 0.75 us for a clear); with 4K that takes a message of more than 60K on
     * a deflater that has just compressed small ones, which takes hundreds of microseconds to
     * compress even at level 1, while 1 KiB messages clear once every five resets. (The rotation
     * spills up to this many chain links: 8 KiB, within the deflater's 300 KiB.)
     */
    static final int BASE_LIMIT = 4096;

    /**
     * Forgets the stream's history and puts zlib's strstart and block start at its position 0,
     * as deflateReset and a full flush do (CLEAR_HASH; strstart = block_start = insert = 0);
     * the caller has no lookahead left to keep. When every chain entry is known to lie below
     * the data end (headClearExact) and that end is small, the table is not touched: the new
     * stream starts at the data end, which becomes {@link DeflaterState#base}, and the old
     * entries all sit at or below it, where the match finders treat them as NIL (zlib never
     * matches its position 0 either). Matches are found by distance, so the output is zlib's.
     * Not at level 0, whose stored blocks work in absolute window positions.
     */
    static void restart(DeflaterState s) {
        int end = s.strstart + s.lookahead;
        if (s.headClearExact && s.level != 0 && end <= BASE_LIMIT) {
            s.base = end;
        } else {
            clearHash(s);
            s.base = 0;
        }
        s.strstart = s.base;
        s.blockStart = s.base;
        s.insert = 0;
    }

    /**
     * Moves a stream that started at a nonzero base back to zlib's own positions, before
     * anything that depends on them: a read that needs more window room than is left above
     * the base, the first window slide (zlib has not reached its own yet, since its positions
     * are lower by base) and stored blocks. Window bytes from base on move down by base, chain
     * entries at or below base become NIL and the rest drop by base, and prev, indexed by
     * position modulo W_SIZE, is rotated to match.
     */
    static void rebase(DeflaterState s) {
        int b = s.base;
        assert b > 0 && b <= BASE_LIMIT : "rebase from base " + b;
        if (s.strstart == b && s.lookahead == 0) {
            // Nothing of this stream is in the window or the table yet: the clear the restart
            // skipped does it.
            clearHash(s);
            s.strstart = 0;
            s.blockStart = 0;
            s.base = 0;
            return;
        }
        System.arraycopy(s.window, b, s.window, 0, s.strstart + s.lookahead - b);
        lowerBy(s.head, b);
        // prev[p & W_MASK] moves to prev[(p - b) & W_MASK]: a rotation left by b (b < W_SIZE).
        char[] prev = s.prev;
        char[] spill = s.rebaseSpill;
        if (spill == null) {
            spill = s.rebaseSpill = new char[BASE_LIMIT];
        }
        System.arraycopy(prev, 0, spill, 0, b);
        System.arraycopy(prev, b, prev, 0, W_SIZE - b);
        System.arraycopy(spill, 0, prev, W_SIZE - b, b);
        lowerBy(prev, b);
        s.strstart -= b;
        s.blockStart -= b;
        s.matchStart -= b;
        s.prevMatch -= b;
        s.base = 0;
        s.headClearExact = false; // the bytes of the old streams below b are overwritten
    }

    private static void lowerBy(char[] a, int b) {
        for (int i = 0; i < a.length; i++) {
            int m = a[i];
            a[i] = (char) (m > b ? m - b : 0);
        }
    }

    /**
     * Rebases head and prev after the window slid down by W_SIZE; positions that fell out
     * become NIL. prev entries of positions on no chain become garbage, never read.
     */
    static void slideHash(DeflaterState s) {
        // W_SIZE is 0x8000: m >= W_SIZE ? m - W_SIZE : 0 is "keep the low 15 bits if the top
        // bit is set", written branch-free on 16-bit lanes so the loops vectorize.
        slide(s.head);
        slide(s.prev);
        s.headClearExact = false;
    }

    /**
     * Inserts the strings at positions from..to (inclusive, consecutive) into the hash chains
     * and returns the rolling hash after the last one, as that many INSERT_STRING steps would.
     *
     * <p>The rolling hash h(p) = ((h(p-1) &lt;&lt; 5) ^ w[p+2]) &amp; 0x7fff keeps only 15 bits, so
     * two steps after the start it no longer depends on where it started: h(p) = (w[p] &lt;&lt; 10
     * ^ w[p+1] &lt;&lt; 5 ^ w[p+2]) &amp; 0x7fff. The first two steps roll from {@code insH}; the rest
     * hash directly, which lets consecutive iterations overlap. Inside runs of one hash (long
     * runs of one byte) the head slot was written by the previous step, so its value is known
     * without reading it back through memory.
     *
     * <p>Kept out of its callers on purpose: with its entry assertions it is above HotSpot's
     * FreqInlineSize (325 bytecodes), so the JIT compiles it on its own. Both callers' loops call
     * the match finder, so in them every value lives on the stack; inlined there, this loop
     * reloaded its arrays from the stack at every position, and compiled on its own it keeps
     * them in registers. Measured on JDK 17, Silesia-7 (best of 4 JVMs, against
     * java.util.zip in the same runs): level 6 0.970x to 0.991x, levels 1 and 3 3-6 % less time.
     */
    static int insertRange(byte[] w, char[] head, char[] prev, int from, int to, int insH) {
        assert w.length == WINDOW_SIZE + WINDOW_SLACK && head.length == HASH_SIZE && prev.length == W_SIZE
                : "window of " + w.length + " bytes, hash tables of " + head.length + " and " + prev.length + " slots";
        assert from >= 1 && to - from < MAX_MATCH
                : "insertion range " + from + ".." + to + " (" + (to - from + 1) + " positions) is longer than a match";
        assert to + MIN_MATCH - 1 < WINDOW_SIZE
                : "the last string, at " + to + ", ends at " + (to + MIN_MATCH - 1) + ", past the window";
        assert (insH & ~HASH_MASK) == 0 : "rolling hash " + insH + " has more than " + HASH_BITS + " bits";
        int p = from;
        int h = insH;
        int lastH = -1;
        int lastP = 0;
        for (int k = 0; k < 2 && p <= to; k++, p++) {
            h = ((h << HASH_SHIFT) ^ (w[p + 2] & 0xff)) & HASH_MASK;
            prev[p & W_MASK] = head[h];
            head[h] = (char) p;
            lastH = h;
            lastP = p;
        }
        for (; p <= to; p++) {
            h = (((w[p] & 0xff) << (2 * HASH_SHIFT)) ^ ((w[p + 1] & 0xff) << HASH_SHIFT) ^ (w[p + 2] & 0xff)) & HASH_MASK;
            prev[p & W_MASK] = h == lastH ? (char) lastP : head[h];
            head[h] = (char) p;
            lastH = h;
            lastP = p;
        }
        return h;
    }

    private static void slide(char[] a) {
        for (int n = 0; n < a.length; n++) {
            short m = (short) a[n];
            a[n] = (char) (m & (m >> 15) & 0x7fff);
        }
    }

    /**
     * Reads input until the lookahead reaches MIN_LOOKAHEAD or input runs out, sliding the
     * window when strstart has gone past W_SIZE + MAX_DIST, and inserts the strings of the
     * {@code insert} bytes left over before strstart once there are enough bytes to hash them.
     * Called with lookahead < MIN_LOOKAHEAD; afterwards strstart <= WINDOW_SIZE - MIN_LOOKAHEAD.
     */
    static void fillWindow(DeflaterState s) {
        byte[] w = s.window;
        do {
            // zlib reads min(avail_in, window room) here and slides at W_SIZE + MAX_DIST in its
            // own positions; from a base the room is smaller by base, so before the input needs
            // that room, or the window would slide, go back to zlib's positions. Until then every
            // read and so every call's consumption is zlib's.
            if (s.base != 0 && (s.strstart >= W_SIZE + MAX_DIST
                    || s.availIn > WINDOW_SIZE - s.lookahead - s.strstart)) {
                rebase(s);
            }
            int more = WINDOW_SIZE - s.lookahead - s.strstart;
            if (s.strstart >= W_SIZE + MAX_DIST) {
                System.arraycopy(w, W_SIZE, w, 0, W_SIZE - more);
                s.matchStart -= W_SIZE;
                s.strstart -= W_SIZE;
                s.blockStart -= W_SIZE;
                if (s.insert > s.strstart) {
                    s.insert = s.strstart;
                }
                slideHash(s);
                more += W_SIZE;
            }
            if (s.availIn == 0) {
                break;
            }
            int n = DeflateStream.readBuf(s, w, s.strstart + s.lookahead, more);
            s.lookahead += n;

            if (s.lookahead + s.insert >= MIN_MATCH) {
                int str = s.strstart - s.insert;
                int h = w[str] & 0xff;
                h = ((h << HASH_SHIFT) ^ (w[str + 1] & 0xff)) & HASH_MASK;
                char[] head = s.head;
                char[] prev = s.prev;
                while (s.insert != 0) {
                    h = ((h << HASH_SHIFT) ^ (w[str + MIN_MATCH - 1] & 0xff)) & HASH_MASK;
                    prev[str & W_MASK] = head[h];
                    head[h] = (char) str;
                    str++;
                    s.insert--;
                    if (s.lookahead + s.insert < MIN_MATCH) {
                        break;
                    }
                }
                s.insH = h;
            }
        } while (s.lookahead < MIN_LOOKAHEAD && s.availIn != 0);
    }
}
