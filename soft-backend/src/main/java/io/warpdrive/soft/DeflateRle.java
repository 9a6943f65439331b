package io.warpdrive.soft;

import static io.warpdrive.soft.DeflateEngine.NEED_MORE;
import static io.warpdrive.soft.DeflateTables.MAX_MATCH;
import static io.warpdrive.soft.DeflateTables.MIN_MATCH;

/**
 * Run-length strategy (zlib's deflate_rle): matches of distance 1 only, found by scanning for
 * repeats of the previous byte. No hash table is kept; it is rebuilt from {@code insert} if the
 * strategy changes back. Not reachable through java.util.zip, kept for zlib parity.
 */
final class DeflateRle {
    private DeflateRle() {
    }

    static int deflate(DeflaterState s, int flush) {
        byte[] w = s.window;
        for (;;) {
            // A longest run needs MAX_MATCH bytes, plus one for the comparison loop.
            if (s.lookahead <= MAX_MATCH) {
                DeflateWindow.fillWindow(s);
                if (s.lookahead <= MAX_MATCH && flush == SoftDeflater.NO_FLUSH) {
                    return NEED_MORE;
                }
                if (s.lookahead == 0) {
                    break;
                }
            }
            s.matchLength = 0;
            if (s.lookahead >= MIN_MATCH && s.strstart > s.base) {
                int scan = s.strstart - 1;
                byte prev = w[scan];
                if (prev == w[scan + 1] && prev == w[scan + 2] && prev == w[scan + 3]) {
                    // Run length from strstart, up to MAX_MATCH, cut to the lookahead.
                    int len = 3;
                    while (len < MAX_MATCH && w[s.strstart + len] == prev) {
                        len++;
                    }
                    s.matchLength = Math.min(len, s.lookahead);
                }
            }
            boolean bflush;
            if (s.matchLength >= MIN_MATCH) {
                bflush = BlockWriter.tallyDist(s, 1, s.matchLength - MIN_MATCH);
                s.lookahead -= s.matchLength;
                s.strstart += s.matchLength;
                s.matchLength = 0;
            } else {
                bflush = BlockWriter.tallyLit(s, w[s.strstart]);
                s.lookahead--;
                s.strstart++;
            }
            if (bflush) {
                if (DeflatePass.flushFullBlock(s)) {
                    return NEED_MORE;
                }
            }
        }
        return DeflatePass.endOfInput(s, flush, 0);
    }
}
