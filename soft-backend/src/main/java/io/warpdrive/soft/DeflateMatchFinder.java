package io.warpdrive.soft;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import static io.warpdrive.soft.DeflateTables.MAX_MATCH;
import static io.warpdrive.soft.DeflaterState.MAX_DIST;
import static io.warpdrive.soft.DeflaterState.NIL;
import static io.warpdrive.soft.DeflaterState.W_MASK;

/**
 * Longest match search along a hash chain (zlib's longest_match), with zlib's exact decision
 * rules: candidates are screened on the two bytes at the current best length and on the first
 * two bytes; byte 2 is never compared (equal hashes imply it); the first strictly longer match
 * wins; the search stops at nice length, at the chain limit or when the chain leaves the window.
 * Only the byte comparison itself differs: 8 bytes at a time, which finds the same length.
 */
final class DeflateMatchFinder {
    private DeflateMatchFinder() {
    }

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
     * <p>zlib screens a candidate on bytes bestLen - 1 and bestLen and on bytes 0 and 1; here
     * each pair is one 16-bit load. Any candidate that could be longer passes the screen, and
     * the ones zlib lets through are exactly the ones let through here, so the same match wins.
     */
    static int longestMatch(DeflaterState s, int curMatch, int scan, int bestLen, int lookahead) {
        final byte[] w = s.window;
        final char[] prev = s.prev;
        int chainLength = s.maxChainLength;
        int niceMatch = s.niceMatch;
        final int limit = scan > MAX_DIST ? scan - MAX_DIST : NIL;

        // A good enough previous match: spend a quarter of the effort.
        if (bestLen >= s.goodMatch) {
            chainLength >>= 2;
        }
        // Never look past the input: this is what makes the output deterministic.
        if (niceMatch > lookahead) {
            niceMatch = lookahead;
        }
        final short scanStart = (short) LE_SHORT.get(w, scan);
        // The screen's end bytes: bestLen - 1 and bestLen while bestLen < 6; from 6 on, bytes
        // bestLen - 3 .. bestLen as one int. The wider screen only turns away candidates whose
        // match would end before bestLen - 1 (bytes 3 and up must all be equal to get longer),
        // which zlib would compare and then drop, so the outcome is the same.
        int endOff = bestLen >= 6 ? bestLen - 3 : bestLen - 1;
        int scanEnd = bestLen >= 6 ? (int) LE_INT.get(w, scan + endOff) : (short) LE_SHORT.get(w, scan + endOff);
        int matchStart = -1;

        do {
            int candEnd = endOff == bestLen - 3 ? (int) LE_INT.get(w, curMatch + endOff)
                    : (short) LE_SHORT.get(w, curMatch + endOff);
            if (candEnd != scanEnd || (short) LE_SHORT.get(w, curMatch) != scanStart) {
                continue;
            }
            int len = 3 + common(w, scan + 3, curMatch + 3, MAX_MATCH - 3);
            if (len > bestLen) {
                matchStart = curMatch;
                bestLen = len;
                if (len >= niceMatch) {
                    break;
                }
                endOff = bestLen >= 6 ? bestLen - 3 : bestLen - 1;
                scanEnd = bestLen >= 6 ? (int) LE_INT.get(w, scan + endOff) : (short) LE_SHORT.get(w, scan + endOff);
            }
        } while ((curMatch = prev[curMatch & W_MASK]) > limit && --chainLength != 0);

        if (matchStart >= 0) {
            s.matchStart = matchStart;
        }
        return bestLen <= lookahead ? bestLen : lookahead;
    }

    /** Number of equal bytes at a and b, at most max (max &lt;= 256, reads up to a + 256). */
    static int common(byte[] w, int a, int b, int max) {
        int i = 0;
        while (i < max) {
            long x = (long) LE_LONG.get(w, a + i) ^ (long) LE_LONG.get(w, b + i);
            if (x != 0) {
                i += Long.numberOfTrailingZeros(x) >>> 3;
                return i < max ? i : max;
            }
            i += 8;
        }
        return max;
    }
}
