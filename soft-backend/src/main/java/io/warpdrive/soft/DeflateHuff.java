package io.warpdrive.soft;

import static io.warpdrive.soft.DeflateEngine.BLOCK_DONE;
import static io.warpdrive.soft.DeflateEngine.FINISH_DONE;
import static io.warpdrive.soft.DeflateEngine.FINISH_STARTED;
import static io.warpdrive.soft.DeflateEngine.NEED_MORE;

/**
 * HUFFMAN_ONLY strategy (zlib's deflate_huff): every byte is a literal; blocks still choose
 * between stored, fixed and dynamic codes. No hash table is kept.
 */
final class DeflateHuff {
    private DeflateHuff() {
    }

    static int deflate(DeflaterState s, int flush) {
        byte[] w = s.window;
        for (;;) {
            if (s.lookahead == 0) {
                DeflateWindow.fillWindow(s);
                if (s.lookahead == 0) {
                    if (flush == SoftDeflater.NO_FLUSH) {
                        return NEED_MORE;
                    }
                    break;
                }
            }
            s.matchLength = 0;
            boolean bflush = BlockWriter.tallyLit(s, w[s.strstart]);
            s.lookahead--;
            s.strstart++;
            if (bflush) {
                BlockWriter.flushBlockOnly(s, false);
                if (s.availOut == 0) {
                    return NEED_MORE;
                }
            }
        }
        s.insert = 0;
        if (flush == SoftDeflater.FINISH) {
            BlockWriter.flushBlockOnly(s, true);
            return s.availOut == 0 ? FINISH_STARTED : FINISH_DONE;
        }
        if (s.symNext != 0) {
            BlockWriter.flushBlockOnly(s, false);
            if (s.availOut == 0) {
                return NEED_MORE;
            }
        }
        return BLOCK_DONE;
    }
}
