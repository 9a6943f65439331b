package io.warpdrive.soft;

import static io.warpdrive.soft.DeflateEngine.NEED_MORE;
import static io.warpdrive.soft.DeflaterState.SYM_BUF;
import static io.warpdrive.soft.DeflaterState.SYM_END;

/**
 * HUFFMAN_ONLY strategy (zlib's deflate_huff): every byte is a literal; blocks still choose
 * between stored, fixed and dynamic codes. No hash table is kept.
 *
 * <p>The bytes in the window are tallied in runs, each up to the end of the lookahead or to the
 * symbol that fills the buffer, whichever comes first, on locals: zlib's loop decides nothing
 * else per byte, so the blocks end where its blocks end. (Per byte through the state's fields,
 * every step waited on the store of the step before; a 1 KiB message spent a third of its time
 * there.)
 */
final class DeflateHuff {
    private DeflateHuff() {
    }

    static int deflate(DeflaterState s, int flush) {
        final byte[] w = s.window;
        final byte[] sym = s.pendingBuf;
        final int[] lFreq = s.lTree.freq;
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
            int symNext = s.symNext;
            // At least one: a full buffer is always flushed before the loop comes back here.
            int run = Math.min(s.lookahead, (SYM_END - symNext) / 3);
            int strstart = s.strstart;
            for (int end = strstart + run; strstart < end; strstart++) {
                int c = w[strstart] & 0xff;
                int i = SYM_BUF + symNext;
                sym[i] = 0;
                sym[i + 1] = 0;
                sym[i + 2] = (byte) c;
                symNext += 3;
                lFreq[c]++;
            }
            s.strstart = strstart;
            s.lookahead -= run;
            s.symNext = symNext;
            if (symNext == SYM_END && DeflatePass.flushFullBlock(s)) {
                return NEED_MORE;
            }
        }
        return DeflatePass.endOfInput(s, flush, 0);
    }
}
