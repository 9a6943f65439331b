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
 * Lazy matching, levels 4-9 (zlib's deflate_slow): a match found at one position is emitted
 * only if the next position has no longer match; otherwise the byte goes out as a literal and
 * the next match becomes the candidate. Every string is inserted into the hash chains except
 * the last two of the input. FILTERED drops matches of length 5 or less, and every strategy
 * drops a length-3 match farther than TOO_FAR.
 *
 * <p>Like {@link DeflateFast}, the loop runs on locals written back around every call that
 * reads the state.
 */
final class DeflateSlow {
    private DeflateSlow() {
    }

    static int deflate(DeflaterState s, int flush) {
        final byte[] w = s.window;
        final char[] head = s.head;
        final char[] prev = s.prev;
        final byte[] sym = s.pendingBuf;
        final int[] lFreq = s.lTree.freq;
        final int[] dFreq = s.dTree.freq;
        final int maxLazy = s.maxLazyMatch;
        final boolean filtered = s.strategy == SoftDeflater.FILTERED;

        for (;;) {
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
            int matchStart = s.matchStart;
            int prevLength;
            int prevMatch;
            boolean matchAvailable = s.matchAvailable;
            // 0: go on; 1: block full after a match; 2: block full after a literal (the block
            // then ends one position earlier, see below); 3: a literal went out while the output
            // is full, where zlib stops (this happens when the zlib header alone filled it).
            int flushKind = 0;
            final boolean outFull = s.availOut == 0;
            // See DeflateFast: when fill_window would do nothing, stay in this loop.
            final boolean runDry = flush != SoftDeflater.NO_FLUSH && s.availIn == 0;

            do {
                int hashHead = NIL;
                if (lookahead >= MIN_MATCH) {
                    insH = ((insH << HASH_SHIFT) ^ (w[strstart + 2] & 0xff)) & HASH_MASK;
                    hashHead = head[insH];
                    prev[strstart & W_MASK] = (char) hashHead;
                    head[insH] = (char) strstart;
                }

                prevLength = matchLength;
                prevMatch = matchStart;
                matchLength = MIN_MATCH - 1;

                if (hashHead > base && prevLength < maxLazy && strstart - hashHead <= MAX_DIST) {
                    s.matchStart = matchStart;
                    matchLength = DeflateMatchFinder.longestMatchLazy(s, hashHead, strstart, prevLength, lookahead,
                            filtered);
                    matchStart = s.matchStart;
                }

                if (prevLength >= MIN_MATCH && matchLength <= prevLength) {
                    // The previous match is at least as good: emit it.
                    int maxInsert = strstart + lookahead - MIN_MATCH;
                    int dist = strstart - 1 - prevMatch;
                    int lc = prevLength - MIN_MATCH;
                    int i = SYM_BUF + symNext;
                    sym[i] = (byte) dist;
                    sym[i + 1] = (byte) (dist >>> 8);
                    sym[i + 2] = (byte) lc;
                    symNext += 3;
                    lFreq[LENGTH_CODE[lc] + LITERALS + 1]++;
                    dFreq[DeflateTables.dCode(dist - 1)]++;

                    // strstart - 1 and strstart are in the table; insert up to the match end,
                    // except the last two strings of the input (not enough bytes to hash).
                    lookahead -= prevLength - 1;
                    int matchEnd = strstart + prevLength - 2; // last position inside the match
                    int insertEnd = Math.min(matchEnd, maxInsert);
                    insH = DeflateWindow.insertRange(w, head, prev, strstart + 1, insertEnd, insH);
                    prevLength = 0; // zlib counts it down to zero
                    matchAvailable = false;
                    matchLength = MIN_MATCH - 1;
                    strstart = matchEnd + 1;
                    if (symNext == SYM_END) {
                        flushKind = 1;
                    }
                } else if (matchAvailable) {
                    // No better match here than before: the previous byte goes out alone.
                    int c = w[strstart - 1] & 0xff;
                    int i = SYM_BUF + symNext;
                    sym[i] = 0;
                    sym[i + 1] = 0;
                    sym[i + 2] = (byte) c;
                    symNext += 3;
                    lFreq[c]++;
                    if (symNext == SYM_END) {
                        flushKind = 2;
                    } else if (outFull) {
                        flushKind = 3;
                    }
                    strstart++;
                    lookahead--;
                } else {
                    // Nothing to compare with yet: decide at the next position.
                    matchAvailable = true;
                    strstart++;
                    lookahead--;
                }
            } while (flushKind == 0 && (lookahead >= MIN_LOOKAHEAD
                    || (runDry && lookahead > 0 && strstart < DeflaterState.W_SIZE + MAX_DIST)));

            s.strstart = strstart;
            s.lookahead = lookahead;
            s.insH = insH;
            s.symNext = symNext;
            s.matchLength = matchLength;
            s.matchStart = matchStart;
            s.prevLength = prevLength;
            s.prevMatch = prevMatch;
            s.matchAvailable = matchAvailable;
            if (flushKind == 1) {
                if (DeflatePass.flushFullBlock(s)) {
                    return NEED_MORE;
                }
            } else if (flushKind == 2) {
                // zlib ends this block before it steps past the literal: the block (and the
                // next block's start) end at the position before the increment.
                s.strstart = strstart - 1;
                BlockWriter.flushBlockOnly(s, false);
                s.strstart = strstart;
                if (s.availOut == 0) {
                    return NEED_MORE;
                }
            } else if (flushKind == 3) {
                return NEED_MORE;
            }
        }
        if (s.matchAvailable) {
            int c = s.window[s.strstart - 1] & 0xff;
            BlockWriter.tallyLit(s, c);
            s.matchAvailable = false;
        }
        return DeflatePass.endOfInput(s, flush, Math.min(s.strstart - s.base, MIN_MATCH - 1));
    }
}
