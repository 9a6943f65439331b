package io.warpdrive.soft;

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
                if (DeflatePass.flushFullBlock(s)) {
                    return NEED_MORE;
                }
            }
        }
        return DeflatePass.endOfInput(s, flush, 0);
    }
}
