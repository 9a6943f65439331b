package io.warpdrive.soft;

import static io.warpdrive.soft.DeflateEngine.NEED_MORE;
import static io.warpdrive.soft.DeflateTables.LENGTH_CODE;
import static io.warpdrive.soft.DeflateTables.LITERALS;
import static io.warpdrive.soft.DeflateTables.MIN_LOOKAHEAD;
import static io.warpdrive.soft.DeflateTables.MIN_MATCH;
import static io.warpdrive.soft.DeflaterState.HASH_MASK;
import static io.warpdrive.soft.DeflaterState.HASH_SHIFT;
import static io.warpdrive.soft.DeflaterState.MAX_DIST;
import static io.warpdrive.soft.DeflaterState.NIL;
import static io.warpdrive.soft.DeflaterState.SYM_BUF;
import static io.warpdrive.soft.DeflaterState.SYM_END;
import static io.warpdrive.soft.DeflaterState.W_MASK;

/**
 * Greedy matching, levels 1-3 (zlib's deflate_fast): take the longest match at each position
 * at once, no lazy evaluation. The strings inside a match are inserted into the hash chains
 * only when the match is at most maxLazyMatch long (the level's "lazy" column).
 *
 * <p>The loop works on locals; they are written back to the state before anything that reads
 * the state (fill_window, the match finder, block flushes) and reloaded after.
 */
final class DeflateFast {
    private DeflateFast() {
    }

    static int deflate(DeflaterState s, int flush) {
        final byte[] w = s.window;
        final char[] head = s.head;
        final char[] prev = s.prev;
        final byte[] sym = s.pendingBuf;
        final int[] lFreq = s.lTree.freq;
        final int[] dFreq = s.dTree.freq;
        final int maxInsert = s.maxLazyMatch;
        // Unchanged by the greedy matcher (MIN_MATCH - 1, or what a lazy level left behind).
        final int prevLength = s.prevLength;

        for (;;) {
            // Keep MAX_MATCH bytes for the next match plus MIN_MATCH to hash what follows it,
            // except at the end of the input.
            if (s.lookahead < MIN_LOOKAHEAD) {
                DeflateWindow.fillWindow(s);
                if (s.lookahead < MIN_LOOKAHEAD && flush == SoftDeflater.NO_FLUSH) {
                    return NEED_MORE;
                }
                if (s.lookahead == 0) {
                    break;
                }
            }
            // Chain entries at or below base are NIL (read here: fillWindow may rebase).
            final int base = s.base;
            int strstart = s.strstart;
            int lookahead = s.lookahead;
            int insH = s.insH;
            int symNext = s.symNext;
            int matchLength = s.matchLength;
            boolean bflush = false;
            // Below MIN_LOOKAHEAD zlib calls fill_window before every position; with no input
            // left and no slide due that call does nothing, so when flushing we may go on here.
            final boolean runDry = flush != SoftDeflater.NO_FLUSH && s.availIn == 0;

            // One position at least (the checks above allow it), then more for as long as no
            // refill is due: below MIN_LOOKAHEAD zlib calls fill_window before every position,
            // and that call may read input or slide the window (which changes what the chains
            // can reach).
            do {
                int hashHead = NIL;
                if (lookahead >= MIN_MATCH) {
                    insH = ((insH << HASH_SHIFT) ^ (w[strstart + 2] & 0xff)) & HASH_MASK;
                    hashHead = head[insH];
                    prev[strstart & W_MASK] = (char) hashHead;
                    head[insH] = (char) strstart;
                }
                if (hashHead > base && strstart - hashHead <= MAX_DIST) {
                    matchLength = DeflateMatchFinder.longestMatch(s, hashHead, strstart, prevLength, lookahead);
                }
                if (matchLength >= MIN_MATCH) {
                    int dist = strstart - s.matchStart;
                    int lc = matchLength - MIN_MATCH;
                    int i = SYM_BUF + symNext;
                    sym[i] = (byte) dist;
                    sym[i + 1] = (byte) (dist >>> 8);
                    sym[i + 2] = (byte) lc;
                    symNext += 3;
                    lFreq[LENGTH_CODE[lc] + LITERALS + 1]++;
                    dFreq[DeflateTables.dCode(dist - 1)]++;
                    bflush = symNext == SYM_END;

                    lookahead -= matchLength;
                    if (matchLength <= maxInsert && lookahead >= MIN_MATCH) {
                        // strstart is in the table already; insert the rest of the match.
                        int matchEnd = strstart + matchLength;
                        insH = DeflateWindow.insertRange(w, head, prev, strstart + 1, matchEnd - 1, insH);
                        matchLength = 0; // zlib counts it down to zero
                        strstart = matchEnd;
                    } else {
                        strstart += matchLength;
                        matchLength = 0;
                        // Restart the rolling hash; if fewer than 3 bytes remain this is
                        // garbage, recomputed before use by the next fill_window.
                        insH = w[strstart] & 0xff;
                        insH = ((insH << HASH_SHIFT) ^ (w[strstart + 1] & 0xff)) & HASH_MASK;
                    }
                } else {
                    int c = w[strstart] & 0xff;
                    int i = SYM_BUF + symNext;
                    sym[i] = 0;
                    sym[i + 1] = 0;
                    sym[i + 2] = (byte) c;
                    symNext += 3;
                    lFreq[c]++;
                    bflush = symNext == SYM_END;
                    lookahead--;
                    strstart++;
                }
                if (bflush) {
                    break;
                }
            } while (lookahead >= MIN_LOOKAHEAD
                    || (runDry && lookahead > 0 && strstart < DeflaterState.W_SIZE + MAX_DIST));
            s.strstart = strstart;
            s.lookahead = lookahead;
            s.insH = insH;
            s.symNext = symNext;
            s.matchLength = matchLength;
            if (bflush) {
                if (DeflatePass.flushFullBlock(s)) {
                    return NEED_MORE;
                }
            }
        }
        return DeflatePass.endOfInput(s, flush, Math.min(s.strstart - s.base, MIN_MATCH - 1));
    }
}
