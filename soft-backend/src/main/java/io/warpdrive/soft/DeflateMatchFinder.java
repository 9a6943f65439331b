package io.warpdrive.soft;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import static io.warpdrive.soft.DeflateTables.MAX_MATCH;
import static io.warpdrive.soft.DeflateTables.MIN_MATCH;
import static io.warpdrive.soft.DeflaterState.MAX_DIST;
import static io.warpdrive.soft.DeflaterState.NIL;
import static io.warpdrive.soft.DeflaterState.W_MASK;

/**
 * Longest match search along a hash chain (zlib's longest_match), with zlib's exact decision
 * rules: the first strictly longer match wins; the search stops at nice length, at the chain
 * limit or when the chain leaves the window. How a candidate is screened and compared differs,
 * never which one wins: see {@link #screen} for the screen, and the comparison runs 8 bytes at
 * a time, which finds the same length.
 */
final class DeflateMatchFinder {
    private DeflateMatchFinder() {
    }

    /** Length-3 matches farther than this cost more than three literals. */
    static final int TOO_FAR = 4096;

    private static final VarHandle LE_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Returns the length of the longest match at {@code scan} longer than {@code bestLen},
     * searching the chain from {@code curMatch}, and leaves its position in s.matchStart (which
     * is not touched when nothing longer is found). The result is cut to the lookahead.
     *
     * <p>Entry: 0 &lt; curMatch &lt; scan, scan - curMatch &lt;= MAX_DIST, scan &gt;= 2 and
     * scan &lt;= WINDOW_SIZE - MIN_LOOKAHEAD, so every read from scan - 1 to scan + 258 is inside
     * the window array.
     *
     * <p>Candidates pass {@link #screen}'s four bytes and bytes 0 and 1 before they are
     * compared. Kept under HotSpot's inlining limit for hot methods (325 bytecodes): the greedy
     * levels call it for nearly every position.
     */
    static int longestMatch(DeflaterState s, int curMatch, int scan, int bestLen, int lookahead) {
        final byte[] w = s.window;
        final char[] prev = s.prev;
        // A good enough previous match: spend a quarter of the effort.
        final int chainLength = bestLen >= s.goodMatch ? s.maxChainLength >> 2 : s.maxChainLength;
        // Never look past the input: this is what makes the output deterministic.
        final int niceMatch = Math.min(s.niceMatch, lookahead);
        final int limit = Math.max(scan - MAX_DIST, s.base);
        final short scanStart = (short) LE_SHORT.get(w, scan);
        int screen = screen(bestLen);
        int offs = screen >> SCREEN_SHIFT_BITS;
        int scanKey = screened(w, scan, screen);
        int matchStart = -1;
        // zlib's do { ... } while ((cur = prev[cur]) > limit && --chain != 0) as a counted loop.
        for (int n = chainLength; n > 0; n--) {
            if ((int) LE_INT.get(w, curMatch + offs) << screen == scanKey
                    && (short) LE_SHORT.get(w, curMatch) == scanStart) {
                int len = 3 + common(w, scan + 3, curMatch + 3);
                if (len > bestLen) {
                    matchStart = curMatch;
                    bestLen = len;
                    if (len >= niceMatch) {
                        break;
                    }
                    screen = screen(bestLen);
                    offs = screen >> SCREEN_SHIFT_BITS;
                    scanKey = screened(w, scan, screen);
                }
            }
            curMatch = prev[curMatch & W_MASK];
            if (curMatch <= limit) {
                break;
            }
        }
        if (matchStart >= 0) {
            s.matchStart = matchStart;
        }
        return Math.min(bestLen, lookahead);
    }

    /**
     * {@link #longestMatch} for the lazy levels, where chains are long: the same search, with the
     * walk over candidates that fail the screen in {@link #walk}. Most candidates fail it, and
     * a loop that only loads, compares and follows prev compiles the same way whatever branch
     * profile the JIT saw first; with the rare paths in the same loop body the compiled code
     * varied between runs by up to 20 %.
     *
     * <p>Kept above HotSpot's FreqInlineSize (325 bytecodes, the entry assertions included) so
     * that the JIT compiles it on its own rather than into DeflateSlow's loop: inlined there,
     * the walk's values (window, prev, limit, best length) spill to the stack. Measured on
     * JDK 17 at level 6 with 64 KiB stream writes: 0.85x java.util.zip inlined, 0.97x not;
     * whole-buffer calls and level 9 are unchanged.
     */
    static int longestMatchLazy(DeflaterState s, int curMatch, int scan, int bestLen, int lookahead, boolean filtered) {
        assert curMatch > NIL && curMatch < scan && scan - curMatch <= MAX_DIST
                : "chain head " + curMatch + " is not a window position before " + scan;
        assert scan >= 2 && scan <= DeflaterState.WINDOW_SIZE - DeflateTables.MIN_LOOKAHEAD
                : "scan " + scan + " leaves no room for a full match in the window";
        // 0 after a switch from a greedy level (zlib's deflate_fast zeroes match_length); the
        // screen then reads the byte before each string, exactly as zlib's does.
        assert bestLen >= 0 && bestLen <= MAX_MATCH && lookahead >= MIN_MATCH
                : "best length " + bestLen + ", lookahead " + lookahead;
        final byte[] w = s.window;
        final char[] prev = s.prev;
        int n = bestLen >= s.goodMatch ? s.maxChainLength >> 2 : s.maxChainLength;
        final int niceMatch = Math.min(s.niceMatch, lookahead);
        final int limit = Math.max(scan - MAX_DIST, s.base);
        final short scanStart = (short) LE_SHORT.get(w, scan);
        int screen = screen(bestLen);
        int scanKey = screened(w, scan, screen);
        int matchStart = -1;
        for (;;) {
            int found = walk(w, prev, curMatch, screen, scanKey, limit, n);
            if (found < 0) {
                break;
            }
            curMatch = found & 0xffff;
            n = found >>> 16;
            if ((short) LE_SHORT.get(w, curMatch) == scanStart) {
                int len = 3 + common(w, scan + 3, curMatch + 3);
                if (len > bestLen) {
                    matchStart = curMatch;
                    bestLen = len;
                    if (len >= niceMatch) {
                        break;
                    }
                    screen = screen(bestLen);
                    scanKey = screened(w, scan, screen);
                }
            }
            curMatch = prev[curMatch & W_MASK];
            if (curMatch <= limit || --n == 0) {
                break;
            }
        }
        if (matchStart >= 0) {
            s.matchStart = matchStart;
        } else {
            matchStart = s.matchStart;
        }
        int len = Math.min(bestLen, lookahead);
        // Not worth it: FILTERED drops matches up to 5 bytes, every strategy a 3-byte match
        // farther than TOO_FAR (then matchStart may be stale, but the match is dropped anyway).
        if (len <= 5 && (filtered || (len == MIN_MATCH && scan - matchStart > TOO_FAR))) {
            len = MIN_MATCH - 1;
        }
        return len;
    }

    /** Bits of a {@link #screen} value that hold its shift; the offset sits above them. */
    static final int SCREEN_SHIFT_BITS = 5;

    /**
     * Which bytes a candidate must share with the string to be compared at all, given the best
     * length b so far: the 32-bit little-endian word at offset {@code screen >> 5}, shifted
     * left by {@code screen & 31} (Java's int shift reads only those bits) to drop the bytes it
     * must not look at.
     *
     * <p>A candidate beats b only if its bytes 0..b all equal the string's. zlib screens on
     * bytes b-1 and b (with bytes 0 and 1 next); from b = 3 up this screen is bytes b-3..b,
     * which rejects more candidates that cannot win (a 2-byte screen lets many through whose
     * middle differs) and none that can, so the same match wins. Below 3 it is bytes 0..b,
     * still only bytes any winner shares. At b = 0 (after a switch from a greedy level) zlib's
     * screen reads byte -1, which a winner need not share, so that screen is kept as it is:
     * bytes -1 and 0. A wider 8-byte screen rejected still more but measured 3 % slower in
     * total, up to 8 % on some files (a load that crosses a cache line costs more, and 8 bytes
     * cross one seven times as often); this one, against the 2-byte screen: level 6 4 %, level 9 5 %, levels 1-3 1-3 %
     * less time (JDK 17, Silesia-7, the two versions alternating in one JVM).
     */
    static int screen(int b) {
        if (b >= 3) {
            return (b - 3) << SCREEN_SHIFT_BITS;
        }
        if (b == 0) {
            return -1 << SCREEN_SHIFT_BITS | 16;
        }
        return (3 - b) * 8; // b = 1: bytes 0 and 1; b = 2: bytes 0..2
    }

    /** The word at {@code p} that the {@link #screen} compares, as {@link #walk} sees it. */
    static int screened(byte[] w, int p, int screen) {
        return (int) LE_INT.get(w, p + (screen >> SCREEN_SHIFT_BITS)) << screen;
    }

    /** Window positions fit 16 bits: the window array's used part is WINDOW_SIZE = 2^16 bytes. */
    private static final int WINDOW_INDEX_MASK = DeflaterState.WINDOW_SIZE - 1;

    /**
     * The chain walk proper: follows the chain from {@code cur} to the first candidate that
     * passes the {@link #screen} (most candidates fail it) with {@code key}, the string's own
     * screened word, spending one unit of {@code n} per step taken. Returns that candidate |
     * the budget left &lt;&lt; 16, or -1 when the chain leaves the window or the budget runs
     * out first.
     *
     * <p>A method of its own, and kept above HotSpot's FreqInlineSize (325 bytecodes, the entry
     * assertions included) so that C2 compiles it apart from longestMatchLazy: there, the
     * search's other values (scan, nice length, best match, the state) are live across the walk,
     * and C2 moved the prev array and the chain limit out of registers to make room, adding a
     * register move and a stack load to every step. On its own its seven values and the two
     * array lengths all stay in registers. Measured on JDK 17, Silesia-7, wd/jdk with one JVM
     * per file and both in each: level 6 0.969x to 0.997x, level 9 0.991x to 1.021x (ooffice
     * 0.91x to 0.98x at level 6). Which spill C2 chose followed the profile: warmed on ooffice
     * (short chains, many screen passes) it chose the walk's values, warmed on dickens not.
     * Temurin 25's C2 kept the undivided loop in registers either way, and with zlib's 2-byte
     * screen (two or three calls per search) the split cost 4-6 % there. With the 4-byte
     * {@link #screen} a walk mostly ends on a real improvement, and the split is ahead on
     * both: against this loop inlined, level 6, one JVM per file, JDK 17 3 % (per file from
     * 4 % behind to 11 % ahead, as the profile falls), Temurin 25 1 %.
     *
     * <p>The loop used all 13 registers JDK 17's C2 can allocate here, and whether it kept the
     * chain limit in one or moved it to the stack followed small differences in the profile
     * when the walk was compiled: the same file and level ran 26 % slower in some JVMs (nci,
     * level 9: 1.93 s against 1.53 s; 3 JVMs in 8, even with a fixed warm-up). Two masks that
     * change no index free registers: C2 computed {@code cur + offs} twice, as an int for the
     * bounds check and as a long for the address, unless the sum is masked; and a link index
     * masked with {@code prev.length - 1} needs no bounds check. With them, 8 JVMs of 8 ran
     * 1.55-1.65 s, and Temurin 25 went from 1.78 to 1.65 s.
     */
    static int walk(byte[] w, char[] prev, int cur, int screen, int key, int limit, int n) {
        assert prev.length == DeflaterState.W_SIZE
                : "prev has " + prev.length + " links, not one per window position";
        assert w.length >= DeflaterState.WINDOW_SIZE
                : "window array of " + w.length + " bytes is shorter than the window";
        assert limit >= NIL && limit < DeflaterState.WINDOW_SIZE
                : "chain limit " + limit + " is not a window position";
        // The chain head may sit exactly at the limit (a full window back); links below stop.
        assert cur >= limit && cur > NIL && cur < DeflaterState.WINDOW_SIZE - DeflateTables.MIN_LOOKAHEAD
                : "candidate " + cur + " is not a window position from the limit " + limit;
        // The offset is -1 only for a best length of 0, whose screen reads the byte before.
        assert screen >> SCREEN_SHIFT_BITS >= -1 && screen >> SCREEN_SHIFT_BITS <= MAX_MATCH - 3
                : "screen offset " + (screen >> SCREEN_SHIFT_BITS) + " is not that of a best length";
        assert cur + (screen >> SCREEN_SHIFT_BITS) >= 0 && cur + (screen >> SCREEN_SHIFT_BITS) + 4 <= w.length
                : "screen at " + (cur + (screen >> SCREEN_SHIFT_BITS)) + " reads outside the window array";
        assert n > 0 && n < 1 << 15
                : "chain budget " + n + " is spent or does not fit the packed result";
        assert cur - limit <= MAX_DIST + 1
                : "candidate " + cur + " is farther than a window above the limit " + limit;
        // Links point back, which is what ends a walk: a position's link is the chain head when
        // it was inserted, and a window slide moves both alike. (Checked here, not per step: an
        // assertion in the loop, even disabled, changed its compiled code and cost 2 %.)
        assert prev[cur & W_MASK] < cur
                : "chain link from " + cur + " to " + (int) prev[cur & W_MASK] + " does not point back";
        final int offs = screen >> SCREEN_SHIFT_BITS;
        // Both masks change no index (positions and screen reads stay below WINDOW_SIZE, and
        // prev has W_SIZE links); they are here for the register count, see above.
        final int linkMask = prev.length - 1;
        while ((int) LE_INT.get(w, (cur + offs) & WINDOW_INDEX_MASK) << screen != key) {
            cur = prev[cur & linkMask];
            if (cur <= limit || --n == 0) {
                return -1;
            }
        }
        return cur | n << 16;
    }

    /** Number of equal bytes at a and b, at most 255 (reads up to a + 255 and b + 255). */
    static int common(byte[] w, int a, int b) {
        for (int i = 0; i < MAX_MATCH - 3; i += 8) {
            long x = (long) LE_LONG.get(w, a + i) ^ (long) LE_LONG.get(w, b + i);
            if (x != 0) {
                return Math.min(i + (Long.numberOfTrailingZeros(x) >>> 3), MAX_MATCH - 3);
            }
        }
        return MAX_MATCH - 3;
    }
}
