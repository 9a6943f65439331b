package io.warpdrive.soft;

import static io.warpdrive.soft.DeflateEngine.BLOCK_DONE;
import static io.warpdrive.soft.DeflateEngine.FINISH_DONE;
import static io.warpdrive.soft.DeflateEngine.FINISH_STARTED;
import static io.warpdrive.soft.DeflateEngine.NEED_MORE;

/**
 * How every block function (stored excepted) closes a block and a pass, zlib's FLUSH_BLOCK and
 * the common ending of its deflate_fast, deflate_slow, deflate_rle and deflate_huff. Kept in
 * one place because the returned state decides what the driver does next (more input, a flush
 * point, or the trailer), and the four functions must agree on it exactly.
 */
final class DeflatePass {
    private DeflatePass() {
    }

    /**
     * Emits the block that filled the symbol buffer (not the last one); true when that left no
     * output room, so the pass must return NEED_MORE before it goes on.
     */
    static boolean flushFullBlock(DeflaterState s) {
        BlockWriter.flushBlockOnly(s, false);
        return s.availOut == 0;
    }

    /**
     * Ends a pass whose input ran out under a flush: records how many trailing bytes were never
     * hashed ({@code insert}), then emits the last block on FINISH, or the open block at any
     * other flush; with no symbols pending nothing is emitted here, and the driver writes the
     * flush's own marker.
     */
    static int endOfInput(DeflaterState s, int flush, int insert) {
        s.insert = insert;
        if (flush == SoftDeflater.FINISH) {
            BlockWriter.flushBlockOnly(s, true);
            return s.availOut == 0 ? FINISH_STARTED : FINISH_DONE;
        }
        if (s.symNext != 0 && flushFullBlock(s)) {
            return NEED_MORE;
        }
        return BLOCK_DONE;
    }
}
